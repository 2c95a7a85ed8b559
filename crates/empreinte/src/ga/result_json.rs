//! The result JSON of the job format: an [`Estimate`] with units in the field names, its
//! carbon intensity's provenance and the citable paragraph in both languages.

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

use crate::format::Lang;
use crate::ga::citation::paragraph;
use crate::ga::result::{Estimate, LocationSource};
use crate::intensity::{CiSource, SeriesResult};

impl Serialize for Estimate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Ci<'a> {
            g_per_kwh: f64,
            location: &'a str,
            location_name: String,
            location_source: LocationSource,
            source: &'a CiSource,
            zone: &'a str,
            zone_name: &'a str,
            year: Option<u16>,
            dataset_version: &'a str,
            dataset_sha256: &'a str,
            /// The Green Algorithms row's own source text and comments.
            location_reference: &'a str,
            location_comments: &'a str,
            series: Option<&'a SeriesResult>,
        }
        #[derive(Serialize)]
        struct Citation {
            fr: String,
            en: String,
        }
        let mut st = s.serialize_struct("Estimate", 40)?;
        st.serialize_field("data_version", &self.data_version)?;
        st.serialize_field("runtime_h", &self.runtime_h)?;
        st.serialize_field("energy_kwh", &self.figures.energy_kwh)?;
        st.serialize_field("co2e_g", &self.figures.co2e_g)?;
        st.serialize_field("power_w", &self.figures.power_w)?;
        st.serialize_field("energy_breakdown_kwh", &self.figures.energy_breakdown_kwh)?;
        st.serialize_field("co2e_breakdown_g", &self.figures.co2e_breakdown_g)?;
        st.serialize_field("power_breakdown_w", &self.figures.power_breakdown_w)?;
        st.serialize_field("pue", &self.pue)?;
        st.serialize_field("ci_g_per_kwh", &self.figures.ci_g_per_kwh)?;
        st.serialize_field("location", self.location.code)?;
        st.serialize_field(
            "ci",
            &Ci {
                g_per_kwh: self.figures.ci_g_per_kwh,
                location: self.location.code,
                location_name: self.location.display_name(),
                location_source: self.location_source,
                source: self.ci.value.source,
                zone: self.ci.value.zone,
                zone_name: self.ci.value.zone_name,
                year: self.ci.value.year,
                dataset_version: self.ci.value.dataset_version,
                dataset_sha256: self.ci.value.dataset_sha256,
                location_reference: self.location.source,
                location_comments: self.location.comments,
                series: self.ci.series.as_ref(),
            },
        )?;
        st.serialize_field("ci_alternative", &self.ci_alternative)?;
        st.serialize_field("platform", &self.platform)?;
        st.serialize_field("provider", &self.provider)?;
        st.serialize_field("datacenter", &self.datacenter.map(|d| d.name))?;
        st.serialize_field("cpu", &self.cpu)?;
        st.serialize_field("gpu", &self.gpu)?;
        st.serialize_field("memory_gb", &self.memory_gb)?;
        st.serialize_field("memory_power_w_per_gb", &self.memory_power_w_per_gb)?;
        st.serialize_field("multiplicative_factor", &self.multiplicative_factor)?;
        st.serialize_field("tree_months", &self.equivalences.tree_months)?;
        st.serialize_field("car_km", &self.equivalences.car_km)?;
        st.serialize_field("flight", &self.equivalences.flight)?;
        st.serialize_field(
            "citation",
            &Citation {
                fr: paragraph(self, Lang::Fr),
                en: paragraph(self, Lang::En),
            },
        )?;
        st.serialize_field("embodied", &self.embodied)?;
        st.serialize_field("total_co2e_g", &self.totals.total_co2e_g)?;
        st.serialize_field("embodied_share", &self.totals.embodied_share)?;
        st.serialize_field("sci", &self.sci)?;
        let u = self.uncertainty.as_ref();
        st.serialize_field("energy_kwh_range", &u.map(|u| u.energy_kwh_range))?;
        st.serialize_field("co2e_g_range", &u.map(|u| u.co2e_g_range))?;
        st.serialize_field("total_co2e_g_range", &u.map(|u| u.total_co2e_g_range))?;
        st.serialize_field("drivers", &u.map(|u| u.drivers))?;
        st.serialize_field("uncertainty", &u)?;
        #[derive(Serialize)]
        struct Litres {
            onsite: f64,
            offsite: f64,
            total: f64,
        }
        st.serialize_field(
            "water_l",
            &self.water.as_ref().map(|w| Litres {
                onsite: w.onsite_l,
                offsite: w.offsite_l,
                total: w.total_l,
            }),
        )?;
        st.serialize_field("water", &self.water)?;
        st.serialize_field("defaults", &self.defaults)?;
        st.serialize_field(
            "method",
            "Green Algorithms (Lannelongue et al. 2021), data CC BY 4.0",
        )?;
        st.end()
    }
}
