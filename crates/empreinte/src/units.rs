//! Unit newtypes used inside the calculation, so that a power is never added to an energy.
//! At every boundary (JSON, Python, JS, CSV) they become plain numbers whose names carry
//! the unit (`power_w`, `energy_kwh`, `co2e_g`, `ci_g_per_kwh`).

use std::ops::{Add, Mul};

/// A power in watts.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Watts(pub f64);

/// An energy in kilowatt-hours.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Kwh(pub f64);

/// A mass of CO2-equivalent in grams.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct GramsCo2e(pub f64);

/// A carbon intensity of electricity in gCO2e per kWh.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct GPerKwh(pub f64);

/// A duration in hours.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Hours(pub f64);

impl Add for Watts {
    type Output = Watts;
    fn add(self, rhs: Watts) -> Watts {
        Watts(self.0 + rhs.0)
    }
}

impl Watts {
    /// The energy drawn over `time`, run `runs` times, in Green Algorithms' order of
    /// operations: `runtime_h × power_w × runs / 1000`.
    pub fn energy(self, time: Hours, runs: f64) -> Kwh {
        Kwh(time.0 * self.0 * runs / 1000.0)
    }
}

impl Hours {
    /// A duration in milliseconds, in hours, in GA4HPC's order of operations:
    /// `ms / 1000 / 3600`.
    pub fn from_ms(ms: u64) -> Hours {
        Hours(ms as f64 / 1000.0 / 3600.0)
    }
}

impl Mul<GPerKwh> for Kwh {
    type Output = GramsCo2e;
    fn mul(self, ci: GPerKwh) -> GramsCo2e {
        GramsCo2e(self.0 * ci.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_combine_as_physics_says() {
        let e = (Watts(100.0) + Watts(50.0)).energy(Hours(2.0), 3.0);
        assert_eq!(e, Kwh(0.9));
        assert_eq!(e * GPerKwh(50.0), GramsCo2e(45.0));
        assert_eq!(Hours::from_ms(5_400_000), Hours(1.5));
    }
}
