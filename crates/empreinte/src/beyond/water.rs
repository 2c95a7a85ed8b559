//! Water consumed by a job (methodology B.4).
//!
//! `Water [L] = E_IT × WUE + E × EWIF`, with `E_IT = E / PUE` the IT energy: on site, the
//! data centre's water usage effectiveness (ISO/IEC 30134-9; L per kWh of IT energy); off
//! site, the water the grid consumes to generate each kWh drawn (EWIF). The WUE is stated
//! or a flagged default per platform (`data/beyond/water-wue.csv`: 1.8 L/kWh for servers,
//! Shehabi et al. 2016; 0 for a personal computer); the EWIF is stated or taken from
//! `data/beyond/water-ewif.csv` (France 3.67 L/kWh, WRI 2020; US 7.6 L/kWh, Shehabi et
//! al. 2016), and is required elsewhere.

use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::beyond::factors::{water_intensity, WUE_DEFAULTS};
use crate::error::{check_non_negative, Error};
use crate::platform::Platform;

/// Choices for [`water`].
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaterOptions {
    /// On-site water usage effectiveness, L per kWh of IT energy (default per platform).
    pub wue_l_per_kwh: Option<f64>,
    /// Water intensity of the grid's electricity, L per kWh (default: the table).
    pub ewif_l_per_kwh: Option<f64>,
}

/// Where a water factor came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WaterFactorSource {
    /// Given by the user.
    Stated,
    /// The platform's default (WUE).
    Default,
    /// The location's row of the EWIF table.
    Table,
}

/// The water footprint of a job. Serialised as `water_l {onsite, offsite, total}` plus
/// the factors and their sources.
///
/// # Units
/// Litres, kWh, L/kWh.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Water {
    /// IT energy `E / PUE`, kWh.
    pub it_energy_kwh: f64,
    /// On site: `E_IT × WUE`, L.
    pub onsite_l: f64,
    /// Off site: `E × EWIF`, L.
    pub offsite_l: f64,
    /// Total, L.
    pub total_l: f64,
    /// WUE used, L/kWh.
    pub wue_l_per_kwh: f64,
    /// Stated or default.
    pub wue_source: WaterFactorSource,
    /// The reference of a default WUE (empty when stated).
    pub wue_reference: &'static str,
    /// EWIF used, L/kWh.
    pub ewif_l_per_kwh: f64,
    /// Stated or table.
    pub ewif_source: WaterFactorSource,
    /// The reference of a table EWIF (empty when stated).
    pub ewif_reference: &'static str,
}

impl Serialize for Water {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Litres {
            onsite: f64,
            offsite: f64,
            total: f64,
        }
        let mut st = s.serialize_struct("Water", 8)?;
        st.serialize_field(
            "water_l",
            &Litres {
                onsite: self.onsite_l,
                offsite: self.offsite_l,
                total: self.total_l,
            },
        )?;
        st.serialize_field("it_energy_kwh", &self.it_energy_kwh)?;
        st.serialize_field("wue_l_per_kwh", &self.wue_l_per_kwh)?;
        st.serialize_field("wue_source", &self.wue_source)?;
        st.serialize_field("wue_reference", self.wue_reference)?;
        st.serialize_field("ewif_l_per_kwh", &self.ewif_l_per_kwh)?;
        st.serialize_field("ewif_source", &self.ewif_source)?;
        st.serialize_field("ewif_reference", self.ewif_reference)?;
        st.end()
    }
}

/// Water consumed on site and off site for `energy_kwh` drawn (PUE included) at `pue`,
/// on `platform`, from the grid of `location`.
///
/// # Errors
/// [`Error::MissingWaterIntensity`] when no EWIF is stated and the table has none for
/// the location; a typed error for a negative or non-finite input or a PUE below 1.
///
/// # Examples
/// ```
/// use empreinte::{water, Platform, WaterOptions};
/// let w = water(5.05, 1.56, Platform::LocalServer, "FR", &WaterOptions::default())?;
/// assert!((w.offsite_l - 5.05 * 3.67).abs() < 1e-12);
/// assert!((w.onsite_l - 5.05 / 1.56 * 1.8).abs() < 1e-12);
/// # Ok::<(), empreinte::Error>(())
/// ```
pub fn water(
    energy_kwh: f64,
    pue: f64,
    platform: Platform,
    location: &str,
    o: &WaterOptions,
) -> Result<Water, Error> {
    let energy = check_non_negative("energy_kwh", energy_kwh)?;
    let pue = check_non_negative("pue", pue)?;
    if pue < 1.0 {
        return Err(Error::PueBelowOne {
            field: "pue".to_owned(),
            value: pue,
        });
    }
    let (wue, wue_source, wue_reference) = match o.wue_l_per_kwh {
        Some(w) => (
            check_non_negative("wue_l_per_kwh", w)?,
            WaterFactorSource::Stated,
            "",
        ),
        None => {
            let row = WUE_DEFAULTS
                .iter()
                .find(|r| r.platform == platform.as_str());
            (
                row.map_or(0.0, |r| r.wue_l_per_kwh),
                WaterFactorSource::Default,
                row.map_or("", |r| r.source),
            )
        }
    };
    let (ewif, ewif_source, ewif_reference) = match o.ewif_l_per_kwh {
        Some(w) => (
            check_non_negative("ewif_l_per_kwh", w)?,
            WaterFactorSource::Stated,
            "",
        ),
        None => match water_intensity(location) {
            Some(row) => (row.ewif_l_per_kwh, WaterFactorSource::Table, row.source),
            None => {
                return Err(Error::MissingWaterIntensity {
                    location: location.to_owned(),
                })
            }
        },
    };
    let it_energy_kwh = energy / pue;
    let onsite_l = it_energy_kwh * wue;
    let offsite_l = energy * ewif;
    let total_l = onsite_l + offsite_l;
    if !total_l.is_finite() {
        return Err(Error::Overflow {
            field: "water_l.total".to_owned(),
        });
    }
    Ok(Water {
        it_energy_kwh,
        onsite_l,
        offsite_l,
        total_l,
        wue_l_per_kwh: wue,
        wue_source,
        wue_reference,
        ewif_l_per_kwh: ewif,
        ewif_source,
        ewif_reference,
    })
}
