//! The Green Algorithms data tables, one [`Dataset`] per data version, compiled in.
//!
//! The rows come from `data/green-algorithms/<version>/*.csv` (CC BY 4.0, Lannelongue et
//! al. 2021, `GreenAlgorithms/green-algorithms-tool`), turned into static Rust by
//! `scripts/gen_tables.py` into `generated.rs`. No file is read at run time.

#[rustfmt::skip]
mod generated;
#[rustfmt::skip]
mod generated_hw;
pub(crate) mod country_codes;
pub(crate) mod lookup;
mod rows;

pub use rows::{
    CpuModel, DataFile, DataVersion, Datacenter, Dataset, GpuModel, HardwareSource, HardwareTable,
    Location, Provider, PueDefault, ReferenceValue, Route,
};

impl DataVersion {
    /// The compiled tables of this version.
    pub fn dataset(self) -> &'static Dataset {
        match self {
            DataVersion::V1_0 => &generated::V1_0,
            DataVersion::V1_1 => &generated::V1_1,
            DataVersion::V2_0 => &generated::V2_0,
            DataVersion::V2_1 => &generated::V2_1,
            DataVersion::V2_2 => &generated::V2_2,
            DataVersion::V3_0 => &generated::V3_0,
        }
    }
}

/// The empreinte-hw table (`data/empreinte-hw/`, CC BY 4.0).
pub static EMPREINTE_HW: HardwareTable = HardwareTable {
    version: generated_hw::HW_VERSION,
    cpus: generated_hw::HW_CPUS,
    gpus: generated_hw::HW_GPUS,
    files: generated_hw::HW_FILES,
    digest: generated_hw::HW_DIGEST,
};

/// Where a dataset comes from, for attribution.
pub const GA_ATTRIBUTION: &str = "Green Algorithms data (CC BY 4.0): Lannelongue, Grealey & Inouye, \"Green Algorithms: Quantifying the Carbon Footprint of Computation\", Advanced Science 8 (2021) 2100707, doi:10.1002/advs.202100707; https://github.com/GreenAlgorithms/green-algorithms-tool";

/// The licence of the Green Algorithms data.
pub const GA_LICENCE: &str = "CC-BY-4.0";
