//! Context metrics of Green Algorithms (methodology A.5): tree-months, car kilometres and
//! the fraction of a flight, with the data version's constants and flight rule.

use serde::Serialize;

use crate::tables::Dataset;
use crate::tables::Route;
use crate::units::GramsCo2e;

/// The CO2e as a fraction of one passenger's flight on a route.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Flight {
    /// The route.
    pub route: Route,
    /// CO2e ÷ the route's CO2e.
    pub fraction: f64,
}

/// The context metrics of one result.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Equivalences {
    /// Months a tree needs to absorb the CO2e: CO2e / treeYear × 12.
    pub tree_months: f64,
    /// Kilometres by an average EU passenger car: CO2e / 175 g/km.
    pub car_km: f64,
    /// Fraction of a flight.
    pub flight: Flight,
}

impl Equivalences {
    /// Computes the metrics for `co2e_g` with `ds`'s constants and flight rule: below half
    /// of New York–San Francisco, a fraction of the small route (Paris–Dublin from v3.0,
    /// Paris–London before); below half of New York–Melbourne, of New York–San Francisco;
    /// else of New York–Melbourne.
    pub fn compute(ds: &'static Dataset, co2e: GramsCo2e) -> Equivalences {
        let small = if ds.version.flight_rule_uses_paris_dublin() {
            Route::ParisDublin
        } else {
            Route::ParisLondon
        };
        Self::compute_with(ds, co2e, small)
    }

    /// As [`Equivalences::compute`] with a chosen small route (HPC reports keep
    /// Paris–London whatever the data version).
    pub fn compute_with(ds: &'static Dataset, co2e: GramsCo2e, small: Route) -> Equivalences {
        let co2e_g = co2e.0;
        let c = ds.constants();
        let value = |route: Route| c.flight_g[route.index()];
        let route = if co2e_g < 0.5 * value(Route::NewYorkSanFrancisco) {
            small
        } else if co2e_g < 0.5 * value(Route::NewYorkMelbourne) {
            Route::NewYorkSanFrancisco
        } else {
            Route::NewYorkMelbourne
        };
        Equivalences {
            tree_months: co2e_g / c.tree_year_g * 12.0,
            car_km: co2e_g / c.car_eu_g_per_km,
            flight: Flight {
                route,
                fraction: co2e_g / value(route),
            },
        }
    }
}

/// The CO2e of one passenger on `route`, g, in `ds`.
pub fn route_g(ds: &'static Dataset, route: Route) -> f64 {
    ds.constants().flight_g[route.index()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::DataVersion;

    #[test]
    fn flight_buckets_follow_the_data_version() {
        let v3 = DataVersion::V3_0.dataset();
        let v22 = DataVersion::V2_2.dataset();
        let e = Equivalences::compute(v3, GramsCo2e(55_000.0));
        assert_eq!(
            (e.flight.route, e.flight.fraction),
            (Route::ParisDublin, 0.5)
        );
        let e = Equivalences::compute(v22, GramsCo2e(25_000.0));
        assert_eq!(
            (e.flight.route, e.flight.fraction),
            (Route::ParisLondon, 0.5)
        );
        // 285 kg is exactly half of NY-SF: the next bucket
        let e = Equivalences::compute(v3, GramsCo2e(285_000.0));
        assert_eq!(
            (e.flight.route, e.flight.fraction),
            (Route::NewYorkSanFrancisco, 0.5)
        );
        let e = Equivalences::compute(v3, GramsCo2e(1_155_000.0));
        assert_eq!(
            (e.flight.route, e.flight.fraction),
            (Route::NewYorkMelbourne, 0.5)
        );
        let e = Equivalences::compute(v3, GramsCo2e(1_154_999.0));
        assert_eq!(e.flight.route, Route::NewYorkSanFrancisco);
    }

    #[test]
    fn tree_year_is_11400_in_v1_0_and_11000_after() {
        let e = Equivalences::compute(DataVersion::V1_0.dataset(), GramsCo2e(11_400.0));
        assert_eq!(e.tree_months, 12.0);
        let e = Equivalences::compute(DataVersion::V1_1.dataset(), GramsCo2e(11_000.0));
        assert_eq!(e.tree_months, 12.0);
        assert_eq!(e.car_km, 11_000.0 / 175.0);
    }
}
