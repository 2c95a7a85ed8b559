//! The Software Carbon Intensity score (ISO/IEC 21031:2024): `SCI = (E × I + M) per R`.

use serde::{Deserialize, Serialize};

use crate::error::{check_non_negative, Error};

/// The functional unit R: what the footprint is reported per.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionalUnit {
    /// Name of one unit, e.g. `"inference"`, `"training run"`, `"simulated year"`.
    pub name: String,
    /// How many units the footprint covers (> 0), e.g. 1000 inferences.
    pub quantity: f64,
}

/// An SCI score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sci {
    /// `(operational + embodied) / quantity`, gCO2e per unit.
    pub value: f64,
    /// `"gCO2e per <unit name>"`.
    pub unit: String,
    /// The functional unit.
    pub functional_unit: FunctionalUnit,
    /// E × I: the operational (location-based) emissions counted, gCO2e.
    pub operational_co2e_g: f64,
    /// M: the embodied emissions counted, gCO2e.
    pub embodied_co2e_g: f64,
}

/// `SCI = (E × I + M) / R`: operational (location-based) plus embodied emissions per
/// functional unit.
///
/// # Errors
/// [`Error::MissingField`] for an empty unit name, [`Error::NotPositive`] (or a
/// non-finite error) for a quantity that is not > 0, and a typed error for negative or
/// non-finite emissions.
///
/// # Examples
/// ```
/// use empreinte::{sci, FunctionalUnit};
/// let r = FunctionalUnit { name: "inference".into(), quantity: 1000.0 };
/// let s = sci(223.0, 300.0, &r)?;
/// assert!((s.value - 0.523).abs() < 1e-12);
/// assert_eq!(s.unit, "gCO2e per inference");
/// # Ok::<(), empreinte::Error>(())
/// ```
pub fn sci(
    operational_co2e_g: f64,
    embodied_co2e_g: f64,
    r: &FunctionalUnit,
) -> Result<Sci, Error> {
    let name = r.name.trim();
    if name.is_empty() {
        return Err(Error::MissingField {
            field: "functional_unit.name".to_owned(),
        });
    }
    let quantity = check_non_negative("functional_unit.quantity", r.quantity)?;
    if quantity <= 0.0 {
        return Err(Error::NotPositive {
            field: "functional_unit.quantity".to_owned(),
            value: r.quantity,
        });
    }
    let op = check_non_negative("operational_co2e_g", operational_co2e_g)?;
    let m = check_non_negative("embodied_co2e_g", embodied_co2e_g)?;
    let value = (op + m) / quantity;
    if !value.is_finite() {
        return Err(Error::Overflow {
            field: "sci.value".to_owned(),
        });
    }
    Ok(Sci {
        value,
        unit: format!("gCO2e per {name}"),
        functional_unit: FunctionalUnit {
            name: name.to_owned(),
            quantity,
        },
        operational_co2e_g: op,
        embodied_co2e_g: m,
    })
}
