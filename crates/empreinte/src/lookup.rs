//! Name lookups and searches in a [`Dataset`]: case- and whitespace-insensitive, with the
//! three nearest names on a miss.
//!
//! Each dataset gets a hash index of normalised keys, built once on first use; a lookup
//! normalises the query into a stack buffer and probes it (no allocation on a hit).

use std::sync::OnceLock;

use crate::error::Error;
use crate::tables::{
    CpuModel, DataVersion, Datacenter, Dataset, GpuModel, HardwareSource, Location, Provider,
    PueDefault, EMPREINTE_HW,
};

/// Longest query (in bytes, after normalisation) looked up without allocating.
const STACK_KEY: usize = 192;

/// Normalises a name: whitespace removed, lowercase.
pub fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether two names are equal once normalised (no allocation).
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &'_ str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect::<Vec<char>>()
    };
    if a.is_ascii() && b.is_ascii() {
        let mut x = a.bytes().filter(|b| !is_ascii_space(*b));
        let mut y = b.bytes().filter(|b| !is_ascii_space(*b));
        loop {
            match (x.next(), y.next()) {
                (None, None) => return true,
                (Some(p), Some(q)) if p.eq_ignore_ascii_case(&q) => {}
                _ => return false,
            }
        }
    }
    norm(a) == norm(b)
}

/// ASCII characters that `char::is_whitespace` accepts.
#[inline]
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// FNV-1a, 64 bits.
#[inline]
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Normalises into `buf`; `None` when it does not fit. ASCII text takes a byte loop.
#[inline]
fn normalize_into<'a>(name: &str, buf: &'a mut [u8; STACK_KEY]) -> Option<&'a [u8]> {
    let mut len = 0;
    if name.is_ascii() {
        for &b in name.as_bytes() {
            if !is_ascii_space(b) {
                if len == STACK_KEY {
                    return None;
                }
                buf[len] = b.to_ascii_lowercase();
                len += 1;
            }
        }
        return Some(&buf[..len]);
    }
    for c in name
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
    {
        let n = c.len_utf8();
        if len + n > STACK_KEY {
            return None;
        }
        c.encode_utf8(&mut buf[len..len + n]);
        len += n;
    }
    Some(&buf[..len])
}

/// A hash table from normalised keys to the rows they name (open addressing, FNV-1a).
#[derive(Debug, Default)]
struct KeyIndex {
    /// Slot → entry index + 1 (0 = empty); the length is a power of two.
    slots: Vec<u32>,
    /// (key, rows) pairs.
    entries: Vec<(Box<[u8]>, Vec<u16>)>,
}

impl KeyIndex {
    /// Builds from `primary` (key, row) pairs — a key may name several rows — and
    /// `aliases`, which are kept only when they name one row and no primary key.
    fn build(primary: Vec<(String, u16)>, aliases: Vec<(String, u16)>) -> KeyIndex {
        let mut entries: Vec<(Box<[u8]>, Vec<u16>)> = Vec::new();
        let mut sorted = primary;
        sorted.sort();
        for (k, row) in sorted {
            match entries.last_mut() {
                Some((last, rows)) if **last == *k.as_bytes() => rows.push(row),
                _ => entries.push((k.into_bytes().into_boxed_slice(), vec![row])),
            }
        }
        let primary_count = entries.len();
        let mut sorted_aliases = aliases;
        sorted_aliases.sort();
        sorted_aliases.dedup();
        let mut i = 0;
        while i < sorted_aliases.len() {
            let mut j = i + 1;
            while j < sorted_aliases.len() && sorted_aliases[j].0 == sorted_aliases[i].0 {
                j += 1;
            }
            let key = sorted_aliases[i].0.as_bytes();
            let taken = entries[..primary_count]
                .binary_search_by(|(k, _)| (**k).cmp(key))
                .is_ok();
            if j - i == 1 && !taken {
                entries.push((key.into(), vec![sorted_aliases[i].1]));
            }
            i = j;
        }
        let size = (entries.len() * 2).max(8).next_power_of_two();
        let mut slots = vec![0u32; size];
        for (n, (key, _)) in entries.iter().enumerate() {
            let mut at = fnv(key) as usize & (size - 1);
            while slots[at] != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = n as u32 + 1;
        }
        KeyIndex { slots, entries }
    }

    /// The rows whose key equals the normalised `name` (empty on a miss).
    fn find(&self, name: &str) -> &[u16] {
        let mut buf = [0u8; STACK_KEY];
        let owned;
        let key: &[u8] = match normalize_into(name, &mut buf) {
            Some(k) => k,
            None => {
                owned = normalize(name);
                owned.as_bytes()
            }
        };
        if self.slots.is_empty() {
            return &[];
        }
        let mask = self.slots.len() - 1;
        let mut at = fnv(key) as usize & mask;
        loop {
            match self.slots[at] {
                0 => return &[],
                n => {
                    let (k, rows) = &self.entries[n as usize - 1];
                    if **k == *key {
                        return rows;
                    }
                }
            }
            at = (at + 1) & mask;
        }
    }
}

/// Figures of a dataset that every estimate uses, read once from its reference values.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Constants {
    /// `memoryPower`, W/GB.
    pub memory_power_w_per_gb: f64,
    /// `treeYear`, gCO2e absorbed by a tree in a year.
    pub tree_year_g: f64,
    /// `passengerCar_EU_perkm`, gCO2e/km.
    pub car_eu_g_per_km: f64,
    /// Flight CO2e, g, indexed by [`crate::Route::index`].
    pub flight_g: [f64; 4],
    /// The `Unknown` default PUE row.
    pub unknown_pue: Option<&'static PueDefault>,
}

fn constants(ds: &'static Dataset) -> Constants {
    // every data version has these variables; the fallbacks keep this total
    let value = |v: &str, fallback: f64| ds.reference_value(v).unwrap_or(fallback);
    Constants {
        memory_power_w_per_gb: value("memoryPower", 0.3725),
        tree_year_g: value("treeYear", 11_000.0),
        car_eu_g_per_km: value("passengerCar_EU_perkm", 175.0),
        flight_g: crate::Route::ALL.map(|r| value(r.variable(), r.fallback_g())),
        unknown_pue: ds.default_pue("Unknown"),
    }
}

#[derive(Debug)]
struct Index {
    constants: Constants,
    cpus: KeyIndex,
    gpus: KeyIndex,
    locations: KeyIndex,
    providers: KeyIndex,
    datacenters: KeyIndex,
}

static INDEXES: [OnceLock<Index>; DataVersion::ALL.len()] =
    [const { OnceLock::new() }; DataVersion::ALL.len()];

fn row_keys<T>(rows: &[T], key: impl Fn(&T) -> String) -> Vec<(String, u16)> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| (key(r), i as u16))
        .collect()
}

fn build_index(ds: &'static Dataset) -> Index {
    let mut aliases = Vec::new();
    for (i, l) in ds.locations.iter().enumerate() {
        let i = i as u16;
        if l.code == "WORLD" {
            aliases.push((normalize("World"), i));
        } else if l.region == "Any" {
            aliases.push((normalize(l.country), i));
        } else {
            aliases.push((normalize(l.region), i));
            aliases.push((normalize(&format!("{},{}", l.region, l.country)), i));
            aliases.push((normalize(&format!("{},{}", l.country, l.region)), i));
        }
    }
    Index {
        constants: constants(ds),
        cpus: KeyIndex::build(row_keys(ds.cpus, |r| normalize(r.name)), vec![]),
        gpus: KeyIndex::build(row_keys(ds.gpus, |r| normalize(r.name)), vec![]),
        locations: KeyIndex::build(row_keys(ds.locations, |r| normalize(r.code)), aliases),
        providers: KeyIndex::build(row_keys(ds.providers, |r| normalize(r.code)), vec![]),
        datacenters: KeyIndex::build(row_keys(ds.datacenters, |r| normalize(r.name)), vec![]),
    }
}

/// The empreinte-hw index: names, and names without their vendor word ("Xeon Platinum
/// 8468" finds "Intel Xeon Platinum 8468").
struct HwIndex {
    cpus: KeyIndex,
    gpus: KeyIndex,
}

static HW_INDEX: OnceLock<HwIndex> = OnceLock::new();

const VENDORS: [&str; 6] = ["amd", "intel", "nvidia", "google", "ampere", "apple"];

fn without_vendor(name: &str) -> Option<String> {
    let (first, rest) = name.trim().split_once(' ')?;
    VENDORS
        .iter()
        .any(|v| first.eq_ignore_ascii_case(v))
        .then(|| normalize(rest))
}

fn hw_keys(names: impl Iterator<Item = &'static str> + Clone) -> KeyIndex {
    let primary = names
        .clone()
        .enumerate()
        .map(|(i, n)| (normalize(n), i as u16))
        .collect();
    let aliases = names
        .enumerate()
        .filter_map(|(i, n)| without_vendor(n).map(|k| (k, i as u16)))
        .collect();
    KeyIndex::build(primary, aliases)
}

fn hw_index() -> &'static HwIndex {
    HW_INDEX.get_or_init(|| HwIndex {
        cpus: hw_keys(EMPREINTE_HW.cpus.iter().map(|c| c.name)),
        gpus: hw_keys(EMPREINTE_HW.gpus.iter().map(|g| g.name)),
    })
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The (up to) three candidates nearest to `query`, nearest first. A candidate that
/// contains the query ranks before the others.
pub fn nearest<'a>(query: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let q = normalize(query);
    let mut scored: Vec<(usize, usize, &str)> = candidates
        .into_iter()
        .map(|c| {
            let n = normalize(c);
            let contains = !q.is_empty() && n.contains(&q);
            (usize::from(!contains), edit_distance(&q, &n), c)
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.2 == b.2);
    scored.into_iter().take(3).map(|s| s.2.to_owned()).collect()
}

/// Whether every whitespace-separated word of `query` occurs in one of `fields`
/// (case-insensitive). An empty query matches everything.
fn matches_words(query: &str, fields: &[&str]) -> bool {
    let hay: Vec<String> = fields.iter().map(|f| normalize(f)).collect();
    query
        .split_whitespace()
        .map(normalize)
        .all(|w| hay.iter().any(|h| h.contains(&w)))
}

/// Orders search hits: exact name first, then names starting with the query, then the rest
/// in table order.
fn rank<T: 'static>(
    query: &str,
    hits: Vec<&'static T>,
    name: impl Fn(&T) -> &str,
) -> Vec<&'static T> {
    let q = normalize(query);
    let mut keyed: Vec<(u8, usize, &'static T)> = hits
        .into_iter()
        .enumerate()
        .map(|(i, h)| {
            let n = normalize(name(h));
            let class = if n == q {
                0
            } else if n.starts_with(&q) {
                1
            } else {
                2
            };
            (class, i, h)
        })
        .collect();
    keyed.sort_by_key(|k| (k.0, k.1));
    keyed.into_iter().map(|k| k.2).collect()
}

/// The first of `tables` whose index has `name`, with that table; on a miss, the three
/// nearest names of all of them.
fn find_model<T: 'static>(
    name: &str,
    tables: &[HardwareSource],
    tables_of: impl Fn(HardwareSource) -> (&'static KeyIndex, &'static [T]),
    name_of: impl Fn(&'static T) -> &'static str,
) -> Result<(&'static T, HardwareSource), Vec<String>> {
    for t in tables {
        let (index, rows) = tables_of(*t);
        if let Some(i) = index.find(name).first() {
            return Ok((&rows[*i as usize], *t));
        }
    }
    Err(nearest(
        name,
        tables.iter().flat_map(|t| tables_of(*t).1).map(name_of),
    ))
}

impl Dataset {
    fn index(&'static self) -> &'static Index {
        let slot = DataVersion::ALL
            .iter()
            .position(|v| *v == self.version)
            .unwrap_or(0);
        INDEXES[slot].get_or_init(|| build_index(self))
    }

    /// The figures every estimate reads (memory power, equivalence constants, `Unknown` PUE).
    pub(crate) fn constants(&'static self) -> &'static Constants {
        &self.index().constants
    }

    /// The location row with exactly this code (no name matching), e.g. a data centre's.
    pub(crate) fn location_by_code(&'static self, code: &str) -> Option<&'static Location> {
        self.index()
            .locations
            .find(code)
            .first()
            .map(|i| &self.locations[*i as usize])
            .filter(|l| l.code == code)
    }

    /// The CPU model named `name` (`"Any"` included).
    ///
    /// # Errors
    /// [`Error::UnknownCpu`] with the three nearest names.
    pub fn cpu(&'static self, name: &str) -> Result<&'static CpuModel, Error> {
        match self.index().cpus.find(name).first() {
            Some(i) => Ok(&self.cpus[*i as usize]),
            None => Err(Error::UnknownCpu {
                model: name.to_owned(),
                data_version: self.version.to_string(),
                suggestions: nearest(name, self.cpus.iter().map(|c| c.name)),
            }),
        }
    }

    /// The CPU model named `name`, searched in `tables` in order (by default the data
    /// version's own table, then empreinte-hw); says which table it came from.
    ///
    /// # Errors
    /// [`Error::UnknownCpu`] with the three nearest names of the tables searched.
    pub fn find_cpu(
        &'static self,
        name: &str,
        tables: &[HardwareSource],
    ) -> Result<(&'static CpuModel, HardwareSource), Error> {
        let tables_of = |t| match t {
            HardwareSource::GreenAlgorithms => (&self.index().cpus, self.cpus),
            HardwareSource::EmpreinteHw => (&hw_index().cpus, EMPREINTE_HW.cpus),
        };
        find_model(name, tables, tables_of, |c| c.name).map_err(|suggestions| Error::UnknownCpu {
            model: name.to_owned(),
            data_version: self.version.to_string(),
            suggestions,
        })
    }

    /// The GPU model named `name`, searched in `tables` in order; says which table it came
    /// from.
    ///
    /// # Errors
    /// [`Error::UnknownGpu`] with the three nearest names of the tables searched.
    pub fn find_gpu(
        &'static self,
        name: &str,
        tables: &[HardwareSource],
    ) -> Result<(&'static GpuModel, HardwareSource), Error> {
        let tables_of = |t| match t {
            HardwareSource::GreenAlgorithms => (&self.index().gpus, self.gpus),
            HardwareSource::EmpreinteHw => (&hw_index().gpus, EMPREINTE_HW.gpus),
        };
        find_model(name, tables, tables_of, |g| g.name).map_err(|suggestions| Error::UnknownGpu {
            model: name.to_owned(),
            data_version: self.version.to_string(),
            suggestions,
        })
    }

    /// The GPU (or TPU) model named `name` (`"Any"` included).
    ///
    /// # Errors
    /// [`Error::UnknownGpu`] with the three nearest names.
    pub fn gpu(&'static self, name: &str) -> Result<&'static GpuModel, Error> {
        match self.index().gpus.find(name).first() {
            Some(i) => Ok(&self.gpus[*i as usize]),
            None => Err(Error::UnknownGpu {
                model: name.to_owned(),
                data_version: self.version.to_string(),
                suggestions: nearest(name, self.gpus.iter().map(|g| g.name)),
            }),
        }
    }

    /// The location with code `code_or_name` (`FR`, `US-CA`, `WORLD`), or with that country
    /// name (`France`), region name (`California`, when unique) or `Region, Country`.
    ///
    /// # Errors
    /// [`Error::UnknownLocation`] with the three nearest codes or names.
    pub fn location(&'static self, code_or_name: &str) -> Result<&'static Location, Error> {
        match self.index().locations.find(code_or_name).first() {
            Some(i) => Ok(&self.locations[*i as usize]),
            None => {
                let names: Vec<String> = self.locations.iter().map(|l| l.display_name()).collect();
                let candidates = self
                    .locations
                    .iter()
                    .map(|l| l.code)
                    .chain(names.iter().map(String::as_str));
                Err(Error::UnknownLocation {
                    location: code_or_name.to_owned(),
                    data_version: self.version.to_string(),
                    suggestions: nearest(code_or_name, candidates),
                })
            }
        }
    }

    /// The cloud provider with code `code` (`gcp`, `aws`, `azure`, and in v3.0 `OVHcloud`,
    /// `Oracle`).
    ///
    /// # Errors
    /// [`Error::UnknownProvider`] with the three nearest codes.
    pub fn provider(&'static self, code: &str) -> Result<&'static Provider, Error> {
        match self.index().providers.find(code).first() {
            Some(i) => Ok(&self.providers[*i as usize]),
            None => Err(Error::UnknownProvider {
                provider: code.to_owned(),
                data_version: self.version.to_string(),
                suggestions: nearest(code, self.providers.iter().map(|p| p.code).chain(["other"])),
            }),
        }
    }

    /// The data centre named `name`, among `provider`'s when given, else among all
    /// providers' (the name must then be unique).
    ///
    /// # Errors
    /// [`Error::UnknownDatacenter`] with the three nearest names, or
    /// [`Error::ConflictingInput`] when the name exists at several providers and none is given.
    pub fn datacenter(
        &'static self,
        provider: Option<&str>,
        name: &str,
    ) -> Result<&'static Datacenter, Error> {
        let mut hits = self
            .index()
            .datacenters
            .find(name)
            .iter()
            .map(|i| &self.datacenters[*i as usize])
            .filter(|d| provider.is_none_or(|p| same_name(d.provider, p)));
        match (hits.next(), hits.next()) {
            (Some(d), None) => Ok(d),
            (Some(d), Some(e)) => Err(Error::ConflictingInput {
                field: "datacenter".to_owned(),
                value: name.to_owned(),
                other: format!(
                    "several providers ({}, {}): give provider",
                    d.provider, e.provider
                ),
            }),
            (None, _) => Err(Error::UnknownDatacenter {
                datacenter: name.to_owned(),
                provider: provider.map(str::to_owned),
                data_version: self.version.to_string(),
                suggestions: nearest(
                    name,
                    self.datacenters
                        .iter()
                        .filter(|d| provider.is_none_or(|p| same_name(d.provider, p)))
                        .map(|d| d.name),
                ),
            }),
        }
    }

    /// The default PUE row for `provider` (`"Unknown"` is the local-server default).
    pub fn default_pue(&'static self, provider: &str) -> Option<&'static PueDefault> {
        self.pue_defaults
            .iter()
            .find(|p| p.provider.eq_ignore_ascii_case(provider))
    }

    /// The value of reference variable `variable` (e.g. `"treeYear"`).
    pub fn reference_value(&'static self, variable: &str) -> Option<f64> {
        self.reference_values
            .iter()
            .find(|r| r.variable == variable)
            .map(|r| r.value)
    }

    /// CPU models whose name contains every word of `query`, best matches first.
    pub fn search_cpus(&'static self, query: &str) -> Vec<&'static CpuModel> {
        let hits = self
            .cpus
            .iter()
            .filter(|c| matches_words(query, &[c.name]))
            .collect();
        rank(query, hits, |c| c.name)
    }

    /// GPU models whose name contains every word of `query`, best matches first.
    pub fn search_gpus(&'static self, query: &str) -> Vec<&'static GpuModel> {
        let hits = self
            .gpus
            .iter()
            .filter(|g| matches_words(query, &[g.name]))
            .collect();
        rank(query, hits, |g| g.name)
    }

    /// Locations whose code, continent, country or region contains every word of `query`.
    pub fn search_locations(&'static self, query: &str) -> Vec<&'static Location> {
        let hits = self
            .locations
            .iter()
            .filter(|l| matches_words(query, &[l.code, l.continent, l.country, l.region]))
            .collect();
        rank(query, hits, |l| l.code)
    }

    /// Providers whose code or name contains every word of `query`.
    pub fn search_providers(&'static self, query: &str) -> Vec<&'static Provider> {
        let hits = self
            .providers
            .iter()
            .filter(|p| matches_words(query, &[p.code, p.name]))
            .collect();
        rank(query, hits, |p| p.code)
    }

    /// Data centres whose provider, name or place contains every word of `query`.
    pub fn search_datacenters(&'static self, query: &str) -> Vec<&'static Datacenter> {
        let hits = self
            .datacenters
            .iter()
            .filter(|d| matches_words(query, &[d.provider, d.name, d.place, d.location]))
            .collect();
        rank(query, hits, |d| d.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v3() -> &'static Dataset {
        DataVersion::V3_0.dataset()
    }

    #[test]
    fn lookups_ignore_case_and_whitespace() {
        let c = v3().cpu("  xeon   e5-2683V4 ").expect("cpu");
        assert_eq!(c.name, "Xeon E5-2683 v4");
        assert_eq!(c.tdp_per_core_w, 7.5);
        assert_eq!(v3().gpu("nvidia tesla v100").expect("gpu").tdp_w, 300.0);
        assert_eq!(v3().location("fr").expect("fr").ci_g_per_kwh, 51.28);
        assert_eq!(v3().location("France").expect("france").code, "FR");
        assert_eq!(v3().location("world").expect("world").ci_g_per_kwh, 475.0);
        assert_eq!(v3().location("California").expect("ca").code, "US-CA");
        assert_eq!(
            v3().location("California, United States of America")
                .expect("ca")
                .code,
            "US-CA"
        );
        assert_eq!(v3().provider("GCP").expect("gcp").code, "gcp");
        assert_eq!(v3().provider("ovhcloud").expect("ovh").code, "OVHcloud");
        let d = v3().datacenter(Some("gcp"), "US-WEST1").expect("dc");
        assert_eq!((d.location, d.pue), ("US-OR", Some(1.11)));
        assert_eq!(
            v3().datacenter(None, "us-west1").expect("dc").provider,
            "gcp"
        );
    }

    #[test]
    fn misses_suggest_three_nearest() {
        match v3().cpu("Xeon E5-2683") {
            Err(Error::UnknownCpu { suggestions, .. }) => {
                assert_eq!(suggestions.len(), 3);
                assert!(suggestions.contains(&"Xeon E5-2683 v4".to_owned()));
            }
            other => panic!("expected UnknownCpu, got {other:?}"),
        }
        match v3().location("Frence") {
            Err(Error::UnknownLocation { suggestions, .. }) => {
                assert_eq!(suggestions[0], "France")
            }
            other => panic!("expected UnknownLocation, got {other:?}"),
        }
        match v3().datacenter(Some("aws"), "us-west1") {
            Err(Error::UnknownDatacenter { suggestions, .. }) => assert!(suggestions.is_empty()),
            other => panic!("expected UnknownDatacenter, got {other:?}"),
        }
        assert!(matches!(
            v3().provider("amazon"),
            Err(Error::UnknownProvider { .. })
        ));
    }

    #[test]
    fn every_row_is_found_by_its_own_name_in_every_version() {
        for v in DataVersion::ALL {
            let ds = v.dataset();
            for c in ds.cpus {
                assert_eq!(ds.cpu(c.name).expect("cpu").name, c.name, "{v}");
            }
            for g in ds.gpus {
                assert_eq!(ds.gpu(g.name).expect("gpu").name, g.name, "{v}");
            }
            for l in ds.locations {
                assert_eq!(ds.location(l.code).expect("loc").code, l.code, "{v}");
            }
            for d in ds.datacenters {
                let found = ds.datacenter(Some(d.provider), d.name).expect("dc");
                assert_eq!(found.name, d.name, "{v}");
            }
        }
    }

    #[test]
    fn search_ranks_exact_and_prefix_first() {
        let hits = v3().search_cpus("xeon e5");
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|c| normalize(c.name).contains("xeone5")));
        assert_eq!(v3().search_locations("FR")[0].code, "FR");
        assert!(v3().search_gpus("a100").len() >= 2);
        assert!(v3().search_cpus("").len() == v3().cpus.len());
        assert_eq!(v3().search_datacenters("oregon")[0].name, "us-west1");
    }

    #[test]
    fn edit_distance_is_levenshtein() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", "abc"), 0);
    }
}
