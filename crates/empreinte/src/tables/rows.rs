//! The row types of the Green Algorithms data tables and of empreinte-hw: what one row of
//! a CSV holds once compiled in (`generated.rs`, `generated_hw.rs`), and the data versions.

use serde::Serialize;

use crate::error::Error;

/// A Green Algorithms data version. `V3_0` is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum DataVersion {
    /// Data version v1.0.
    #[serde(rename = "v1.0")]
    V1_0,
    /// Data version v1.1 (2020 carbon intensities).
    #[serde(rename = "v1.1")]
    V1_1,
    /// Data version v2.0 (CPU and GPU together, A100, TPUs).
    #[serde(rename = "v2.0")]
    V2_0,
    /// Data version v2.1.
    #[serde(rename = "v2.1")]
    V2_1,
    /// Data version v2.2 (2022 carbon intensities).
    #[serde(rename = "v2.2")]
    V2_2,
    /// Data version v3.0 (the current Green Algorithms data, the default).
    #[serde(rename = "v3.0")]
    V3_0,
}

impl DataVersion {
    /// Every data version, oldest first.
    pub const ALL: [DataVersion; 6] = [
        DataVersion::V1_0,
        DataVersion::V1_1,
        DataVersion::V2_0,
        DataVersion::V2_1,
        DataVersion::V2_2,
        DataVersion::V3_0,
    ];

    /// The default data version (v3.0).
    pub const DEFAULT: DataVersion = DataVersion::V3_0;

    /// The version's name, e.g. `"v3.0"`.
    pub fn as_str(self) -> &'static str {
        match self {
            DataVersion::V1_0 => "v1.0",
            DataVersion::V1_1 => "v1.1",
            DataVersion::V2_0 => "v2.0",
            DataVersion::V2_1 => "v2.1",
            DataVersion::V2_2 => "v2.2",
            DataVersion::V3_0 => "v3.0",
        }
    }

    /// Parses `"v3.0"`, `"3.0"`, `"V3.0"` or `"latest"` (= v3.0).
    ///
    /// # Errors
    /// [`Error::UnknownDataVersion`] listing the known versions.
    pub fn parse(text: &str) -> Result<DataVersion, Error> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("latest") {
            return Ok(DataVersion::DEFAULT);
        }
        let bare = t.strip_prefix(['v', 'V']).unwrap_or(t);
        DataVersion::ALL
            .into_iter()
            .find(|v| &v.as_str()[1..] == bare)
            .ok_or_else(|| Error::UnknownDataVersion {
                version: text.to_owned(),
                known: DataVersion::ALL.iter().map(|v| v.as_str()).collect(),
            })
    }

    /// Whether the flight equivalence uses Paris–Dublin (v3.0) rather than Paris–London
    /// as its smallest bucket.
    pub fn flight_rule_uses_paris_dublin(self) -> bool {
        self >= DataVersion::V3_0
    }
}

impl Default for DataVersion {
    fn default() -> Self {
        DataVersion::DEFAULT
    }
}

impl std::fmt::Display for DataVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A CPU model row of `TDP_cpu.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CpuModel {
    /// Model name as written upstream, e.g. `"Xeon E5-2683 v4"`.
    pub name: &'static str,
    /// Thermal design power of the whole chip, W (absent for `Any`).
    pub tdp_w: Option<f64>,
    /// Number of cores (absent for `Any`).
    pub cores: Option<u32>,
    /// Power per core, W: as stored upstream in the Green Algorithms tables (pre-rounded
    /// to 0.1 W; parity uses it), TDP / cores unrounded in the empreinte-hw table.
    pub tdp_per_core_w: f64,
    /// Release year, where the table gives it (v3.0).
    pub release_year: Option<u16>,
    /// Source of the row, as given upstream (empty upstream: `"Green Algorithms default"`).
    pub source: &'static str,
}

/// A GPU (or TPU) model row of `TDP_gpu.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GpuModel {
    /// Model name as written upstream, e.g. `"NVIDIA Tesla V100"`.
    pub name: &'static str,
    /// Power of the whole board, W (the table's `TDP_per_core` column).
    pub tdp_w: f64,
    /// Memory of the board, GB, where the table gives it (v3.0).
    pub memory_gb: Option<f64>,
    /// Release year, where the table gives it (v3.0).
    pub release_year: Option<u16>,
    /// Source of the row, as given upstream.
    pub source: &'static str,
}

/// A location row of `CI_aggregated.csv`: a country, a region of it, or the world.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    /// Location code, e.g. `"FR"`, `"US-CA"`, `"WORLD"`.
    pub code: &'static str,
    /// Continent name.
    pub continent: &'static str,
    /// Country name (`"Any"` for the world).
    pub country: &'static str,
    /// Region name (`"Any"` for a whole country).
    pub region: &'static str,
    /// Carbon intensity of electricity, gCO2e/kWh.
    pub ci_g_per_kwh: f64,
    /// Upstream type column: `World`, `Country` or `Region`.
    pub kind: &'static str,
    /// Source of the value.
    pub source: &'static str,
    /// Upstream comments (often the data year), may be empty.
    pub comments: &'static str,
}

impl Location {
    /// A readable name: `"France"`, `"California, United States of America"`, `"World"`.
    pub fn display_name(&self) -> String {
        if self.code == "WORLD" {
            "World".to_owned()
        } else if self.region == "Any" {
            self.country.to_owned()
        } else {
            format!("{}, {}", self.region, self.country)
        }
    }
}

/// A cloud provider row (`providersNamesCodes.csv`, plus providers that only have a
/// default PUE in `defaults_PUE.csv`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provider {
    /// Provider code, e.g. `"gcp"`, `"aws"`, `"azure"`.
    pub code: &'static str,
    /// Full name, e.g. `"Google Cloud Platform"`.
    pub name: &'static str,
    /// Whether the data version lists this provider's data centres.
    pub has_datacenters: bool,
}

/// A cloud data centre row of `cloudProviders_datacenters.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Datacenter {
    /// Provider code.
    pub provider: &'static str,
    /// Data-centre (region) name on the platform, e.g. `"us-west1"`.
    pub name: &'static str,
    /// Location code in the CI table (rows without one are dropped, as upstream does).
    pub location: &'static str,
    /// Free-form place, e.g. `"Oregon"`.
    pub place: &'static str,
    /// Source of the data centre's existence and place.
    pub source: &'static str,
    /// The data centre's own PUE, where published.
    pub pue: Option<f64>,
    /// Source of that PUE.
    pub pue_source: &'static str,
}

/// A default PUE row of `defaults_PUE.csv` (`Unknown` is the default for local servers).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PueDefault {
    /// Provider code, or `"Unknown"`.
    pub provider: &'static str,
    /// Power usage effectiveness (≥ 1).
    pub pue: f64,
    /// Source of the value.
    pub source: &'static str,
}

/// A row of `referenceValues.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReferenceValue {
    /// Upstream variable name, e.g. `"treeYear"`.
    pub variable: &'static str,
    /// The value, in the unit its source gives.
    pub value: f64,
    /// Source and unit, as written upstream.
    pub source: &'static str,
}

/// Digest of one upstream file a dataset was built from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataFile {
    /// File name, e.g. `"TDP_cpu.csv"`.
    pub name: &'static str,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: &'static str,
}

/// Every table of one data version.
#[derive(Debug)]
pub struct Dataset {
    /// The version these tables belong to.
    pub version: DataVersion,
    /// CPU models (including `Any`).
    pub cpus: &'static [CpuModel],
    /// GPU and TPU models (including `Any`).
    pub gpus: &'static [GpuModel],
    /// Locations with their carbon intensity.
    pub locations: &'static [Location],
    /// Cloud providers.
    pub providers: &'static [Provider],
    /// Cloud data centres.
    pub datacenters: &'static [Datacenter],
    /// Default PUEs per provider, and `Unknown`.
    pub pue_defaults: &'static [PueDefault],
    /// Reference values (memory power, equivalence constants).
    pub reference_values: &'static [ReferenceValue],
    /// The upstream files and their digests.
    pub files: &'static [DataFile],
    /// SHA-256 over the concatenated `name:sha256\n` lines of `files`, hex: one digest for
    /// the whole version.
    pub digest: &'static str,
}

/// A table of hardware models: a Green Algorithms data version's own, or empreinte-hw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HardwareSource {
    /// The data version's `TDP_cpu.csv` / `TDP_gpu.csv`.
    GreenAlgorithms,
    /// The empreinte-hw table of hardware released since 2019 that upstream lacks.
    EmpreinteHw,
}

impl HardwareSource {
    /// The default search order: the data version's own table, then empreinte-hw.
    pub const DEFAULT_ORDER: &'static [HardwareSource] =
        &[HardwareSource::GreenAlgorithms, HardwareSource::EmpreinteHw];

    /// Reads `green-algorithms` (also `ga`) or `empreinte-hw` (also `hw`).
    ///
    /// # Errors
    /// [`Error::InvalidDocument`] on `hardware_tables` listing the accepted names.
    pub fn parse(text: &str) -> Result<HardwareSource, Error> {
        match text.trim().to_ascii_lowercase().as_str() {
            "green-algorithms" | "ga" => Ok(HardwareSource::GreenAlgorithms),
            "empreinte-hw" | "hw" => Ok(HardwareSource::EmpreinteHw),
            _ => Err(Error::InvalidDocument {
                field: "hardware_tables".to_owned(),
                message: format!("expected green-algorithms or empreinte-hw, got {text:?}"),
            }),
        }
    }

    /// `"green-algorithms"` or `"empreinte-hw"`.
    pub fn as_str(self) -> &'static str {
        match self {
            HardwareSource::GreenAlgorithms => "green-algorithms",
            HardwareSource::EmpreinteHw => "empreinte-hw",
        }
    }
}

/// The empreinte-hw hardware table: CPUs, GPUs and accelerators released since 2019 that
/// the Green Algorithms tables lack, each row sourced from its manufacturer. Kept apart
/// from every Green Algorithms version so that parity stays exact.
#[derive(Debug)]
pub struct HardwareTable {
    /// Table version, e.g. `"hw-2026.11"`.
    pub version: &'static str,
    /// CPU models (TDP per core = TDP / cores, unrounded).
    pub cpus: &'static [CpuModel],
    /// GPU and accelerator models.
    pub gpus: &'static [GpuModel],
    /// The CSV files and their digests.
    pub files: &'static [DataFile],
    /// One digest for the whole table version.
    pub digest: &'static str,
}

/// A flight route used as an equivalence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Route {
    /// Paris–London (50 kgCO2e), the smallest bucket up to data v2.2 and in HPC reports.
    #[serde(rename = "Paris-London")]
    ParisLondon,
    /// Paris–Dublin (110 kgCO2e), the smallest bucket from data v3.0.
    #[serde(rename = "Paris-Dublin")]
    ParisDublin,
    /// New York–San Francisco (570 kgCO2e).
    #[serde(rename = "New York-San Francisco")]
    NewYorkSanFrancisco,
    /// New York–Melbourne (2 310 kgCO2e).
    #[serde(rename = "New York-Melbourne")]
    NewYorkMelbourne,
}

impl Route {
    /// Every route, smallest first.
    pub const ALL: [Route; 4] = [
        Route::ParisLondon,
        Route::ParisDublin,
        Route::NewYorkSanFrancisco,
        Route::NewYorkMelbourne,
    ];

    /// Position in [`Route::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The upstream value, g, should a table lack it (none does).
    pub(crate) fn fallback_g(self) -> f64 {
        match self {
            Route::ParisLondon => 50_000.0,
            Route::ParisDublin => 110_000.0,
            Route::NewYorkSanFrancisco => 570_000.0,
            Route::NewYorkMelbourne => 2_310_000.0,
        }
    }

    /// The route's name, e.g. `"Paris-Dublin"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Route::ParisLondon => "Paris-London",
            Route::ParisDublin => "Paris-Dublin",
            Route::NewYorkSanFrancisco => "New York-San Francisco",
            Route::NewYorkMelbourne => "New York-Melbourne",
        }
    }

    /// The `referenceValues.csv` variable holding the route's CO2e, g.
    pub fn variable(self) -> &'static str {
        match self {
            Route::ParisLondon => "flight_PAR-LON",
            Route::ParisDublin => "flight_PAR-DUB",
            Route::NewYorkSanFrancisco => "flight_NY-SF",
            Route::NewYorkMelbourne => "flight_NYC-MEL",
        }
    }
}
