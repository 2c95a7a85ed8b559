//! Name lookups and searches in a [`Dataset`]: case- and whitespace-insensitive, with the
//! three nearest names on a miss.
//!
//! Each dataset gets a hash index of normalised keys, built once on first use; a lookup
//! normalises the query into a stack buffer and probes it (no allocation on a hit).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::error::Error;
use crate::tables::country_codes;
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

/// The longest name accepted (a model, a location, a provider, a source id…), in
/// characters: a longer one is refused before any lookup, so that looking a name up and
/// suggesting the nearest ones costs no more than the table's size.
pub const MAX_NAME_CHARS: usize = 256;

/// Refuses a name longer than [`MAX_NAME_CHARS`], saying its length and showing its start.
///
/// # Errors
/// [`Error::InvalidDocument`] on `field`.
pub fn check_name(field: &str, name: &str) -> Result<(), Error> {
    if name.len() <= MAX_NAME_CHARS {
        return Ok(());
    }
    let chars = name.chars().count();
    if chars <= MAX_NAME_CHARS {
        return Ok(());
    }
    let start: String = name.chars().take(40).collect();
    Err(Error::InvalidDocument {
        field: field.to_owned(),
        message: format!(
            "a name of {chars} characters, longer than the limit of {MAX_NAME_CHARS}: {start:?}…"
        ),
    })
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
    /// Builds from `primary` (key, row) pairs — a key may name several rows — and tiers of
    /// aliases, in order of precedence. An alias is kept only when, within its tier, it
    /// names one row, and no primary key or alias of an earlier tier (kept or not) has it.
    fn build(primary: Vec<(String, u16)>, tiers: Vec<Vec<(String, u16)>>) -> KeyIndex {
        let mut entries: Vec<(Box<[u8]>, Vec<u16>)> = Vec::new();
        let mut sorted = primary;
        sorted.sort();
        for (k, row) in sorted {
            match entries.last_mut() {
                Some((last, rows)) if **last == *k.as_bytes() => rows.push(row),
                _ => entries.push((k.into_bytes().into_boxed_slice(), vec![row])),
            }
        }
        let mut taken: BTreeSet<Box<[u8]>> = entries.iter().map(|(k, _)| k.clone()).collect();
        for tier in tiers {
            let mut aliases = tier;
            aliases.sort();
            aliases.dedup();
            for group in aliases.chunk_by(|a, b| a.0 == b.0) {
                let (key, row) = &group[0];
                if group.len() == 1 && !taken.contains(key.as_bytes()) {
                    entries.push((key.as_bytes().into(), vec![*row]));
                }
            }
            taken.extend(aliases.into_iter().map(|(k, _)| k.into_bytes().into()));
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
        flight_g: super::rows::Route::ALL.map(|r| value(r.variable(), r.fallback_g())),
        unknown_pue: ds.default_pue("Unknown"),
    }
}

#[derive(Debug)]
struct Index {
    constants: Constants,
    cpus: KeyIndex,
    gpus: KeyIndex,
    locations: KeyIndex,
    /// The other names of the locations' countries in force, with their rows (for
    /// suggestions).
    location_aliases: Vec<(&'static str, u16)>,
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
    let mut names = Vec::new();
    for (i, l) in ds.locations.iter().enumerate() {
        let i = i as u16;
        if l.code == "WORLD" {
            names.push((normalize("World"), i));
        } else if l.region == "Any" {
            names.push((normalize(l.country), i));
        } else {
            names.push((normalize(l.region), i));
            names.push((normalize(&format!("{},{}", l.region, l.country)), i));
            names.push((normalize(&format!("{},{}", l.country, l.region)), i));
        }
    }
    let codes = row_keys(ds.locations, |r| normalize(r.code));
    let own: BTreeSet<String> = codes.iter().chain(&names).map(|k| k.0.clone()).collect();
    let mut location_aliases = location_aliases(ds);
    let others = location_aliases
        .iter()
        .map(|(alias, i)| (normalize(alias), *i))
        .collect();
    let locations = KeyIndex::build(codes, vec![names, others]);
    // for suggestions, the other names in force (not a code or name of the table)
    location_aliases
        .retain(|(alias, i)| !own.contains(&normalize(alias)) && locations.find(alias) == [*i]);
    Index {
        constants: constants(ds),
        cpus: KeyIndex::build(row_keys(ds.cpus, |r| normalize(r.name)), vec![]),
        gpus: KeyIndex::build(row_keys(ds.gpus, |r| normalize(r.name)), vec![]),
        locations,
        location_aliases,
        providers: KeyIndex::build(row_keys(ds.providers, |r| normalize(r.code)), vec![]),
        datacenters: KeyIndex::build(row_keys(ds.datacenters, |r| normalize(r.name)), vec![]),
    }
}

/// The other names of the countries of `ds` (ISO alpha-3 code, UN English name, common
/// English names: [`country_codes`]) with their rows. They rank after the codes and names
/// of the table: one that is already a code or a name of `ds` is left out of the index.
fn location_aliases(ds: &'static Dataset) -> Vec<(&'static str, u16)> {
    let row = |alpha2: &str| ds.locations.iter().position(|l| l.code == alpha2);
    let mut out = Vec::new();
    for (alpha2, alpha3, name) in &country_codes::COUNTRY_CODES {
        if let Some(i) = row(alpha2) {
            out.push((*alpha3, i as u16));
            out.push((*name, i as u16));
        }
    }
    for (name, alpha2) in &country_codes::COMMON_NAMES {
        if let Some(i) = row(alpha2) {
            out.push((*name, i as u16));
        }
    }
    out
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
    KeyIndex::build(primary, vec![aliases])
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
    nearest_labelled(query, candidates.into_iter().map(|c| (c, c)))
}

/// As [`nearest`] over (candidate, label) pairs, answering labels: a label comes once, at
/// the rank of its nearest candidate.
fn nearest_labelled<'a>(
    query: &str,
    candidates: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<String> {
    if check_name("", query).is_err() {
        // no suggestion for a name no table holds: the search would cost its length
        return Vec::new();
    }
    let q = normalize(query);
    let mut scored: Vec<(usize, usize, &str)> = candidates
        .into_iter()
        .map(|(c, label)| {
            let n = normalize(c);
            let contains = !q.is_empty() && n.contains(&q);
            (usize::from(!contains), edit_distance(&q, &n), label)
        })
        .collect();
    scored.sort();
    let mut out: Vec<String> = Vec::with_capacity(3);
    for (_, _, label) in scored {
        if out.len() == 3 {
            break;
        }
        if !out.iter().any(|o| o == label) {
            out.push(label.to_owned());
        }
    }
    out
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

/// A data table of a data version, by the name the CLI and the bindings use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// CPU models and their power per core.
    Cpus,
    /// GPU (and TPU) models and their power.
    Gpus,
    /// Locations and the carbon intensity of their electricity.
    Locations,
    /// Cloud providers.
    Providers,
    /// Cloud data centres, their location and PUE.
    Datacenters,
}

impl Table {
    /// Every table, in the order the docs list them.
    pub const ALL: [Table; 5] = [
        Table::Cpus,
        Table::Gpus,
        Table::Locations,
        Table::Providers,
        Table::Datacenters,
    ];

    /// The table's name: `cpus`, `gpus`, `locations`, `providers`, `datacenters`.
    pub fn as_str(self) -> &'static str {
        match self {
            Table::Cpus => "cpus",
            Table::Gpus => "gpus",
            Table::Locations => "locations",
            Table::Providers => "providers",
            Table::Datacenters => "datacenters",
        }
    }

    /// Reads a table's name (any case; `datacentres` too).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `table`.
    pub fn parse(name: &str) -> Result<Table, Error> {
        let n = name.trim().to_ascii_lowercase();
        Table::ALL
            .into_iter()
            .find(|t| t.as_str() == n || (n == "datacentres" && *t == Table::Datacenters))
            .ok_or_else(|| Error::InvalidArgument {
                field: "table".to_owned(),
                message: format!(
                    "expected cpus, gpus, locations, providers or datacenters, got {name:?}"
                ),
            })
    }
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
    /// name (`France`), region name (`California`, when unique) or `Region, Country`; else,
    /// for a country, its ISO 3166-1 alpha-3 code (`GBR`), its UN English name
    /// (`Türkiye`) or a common English name (`UK`, `United States`). A code or name of the
    /// table always means its own row: the other names apply only to what is neither.
    ///
    /// # Errors
    /// [`Error::UnknownLocation`] with the three nearest codes or names (an other name
    /// suggests its location's code).
    pub fn location(&'static self, code_or_name: &str) -> Result<&'static Location, Error> {
        match self.index().locations.find(code_or_name).first() {
            Some(i) => Ok(&self.locations[*i as usize]),
            None => Err(Error::UnknownLocation {
                location: code_or_name.to_owned(),
                data_version: self.version.to_string(),
                suggestions: self.location_suggestions(code_or_name, []),
            }),
        }
    }

    /// The three location codes or names nearest to `query`, among those of the table, the
    /// other names of its countries (each standing for its location's code) and `extra`.
    pub(crate) fn location_suggestions<'a>(
        &'static self,
        query: &str,
        extra: impl IntoIterator<Item = &'a str>,
    ) -> Vec<String> {
        let names: Vec<String> = self.locations.iter().map(|l| l.display_name()).collect();
        let candidates = self
            .locations
            .iter()
            .map(|l| (l.code, l.code))
            .chain(names.iter().map(|n| (n.as_str(), n.as_str())))
            .chain(
                self.index()
                    .location_aliases
                    .iter()
                    .map(|(alias, i)| (*alias, self.locations[*i as usize].code)),
            )
            .chain(extra.into_iter().map(|z| (z, z)));
        nearest_labelled(query, candidates)
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

    /// The rows of `table` matching every word of `query` (all rows for an empty query),
    /// best first, as the JSON the bindings hand out.
    pub fn search_table(&'static self, table: Table, query: &str) -> serde_json::Value {
        let value = match table {
            Table::Cpus => serde_json::to_value(self.search_cpus(query)),
            Table::Gpus => serde_json::to_value(self.search_gpus(query)),
            Table::Locations => serde_json::to_value(self.search_locations(query)),
            Table::Providers => serde_json::to_value(self.search_providers(query)),
            Table::Datacenters => serde_json::to_value(self.search_datacenters(query)),
        };
        // plain rows of strings and numbers always serialise
        value.unwrap_or(serde_json::Value::Null)
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

    /// Locations whose code, continent, country or region contains every word of `query`;
    /// the location [`Dataset::location`] finds for the whole query (`UK`, `GBR`,
    /// `California`) comes first.
    pub fn search_locations(&'static self, query: &str) -> Vec<&'static Location> {
        let found = self
            .index()
            .locations
            .find(query)
            .first()
            .map(|i| &self.locations[*i as usize]);
        let hits = self
            .locations
            .iter()
            .filter(|l| matches_words(query, &[l.code, l.continent, l.country, l.region]))
            .filter(|l| found.is_none_or(|f| !std::ptr::eq(*l, f)))
            .collect();
        found
            .into_iter()
            .chain(rank(query, hits, |l| l.code))
            .collect()
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
    fn tables_by_name() {
        for t in Table::ALL {
            assert_eq!(Table::parse(t.as_str()).unwrap(), t);
        }
        assert_eq!(Table::parse(" CPUS ").unwrap(), Table::Cpus);
        assert_eq!(Table::parse("datacentres").unwrap(), Table::Datacenters);
        let e = Table::parse("planets").unwrap_err();
        assert_eq!((e.code(), e.field()), ("invalid_argument", Some("table")));
        let ds = crate::tables::DataVersion::DEFAULT.dataset();
        let rows = ds.search_table(Table::Locations, "france");
        assert_eq!(rows[0]["code"], "FR");
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

    fn code_of(ds: &'static Dataset, query: &str) -> &'static str {
        match ds.location(query) {
            Ok(l) => l.code,
            Err(e) => panic!("{query}: {e}"),
        }
    }

    #[test]
    fn country_aliases_resolve_to_their_location() {
        for q in [
            "UK",
            "uk",
            " U.K. ",
            "GBR",
            "gbr",
            "United Kingdom",
            "united  kingdom",
        ] {
            assert_eq!(code_of(v3(), q), "GB", "{q}");
        }
        let gb = v3().location("UK").expect("uk");
        assert_eq!(
            (gb.display_name().as_str(), gb.ci_g_per_kwh),
            ("United Kingdom", 231.12)
        );
        for q in [
            "USA",
            "usa",
            "U.S.",
            "U.S.A.",
            "United States",
            "United States of America",
        ] {
            assert_eq!(code_of(v3(), q), "US", "{q}");
        }
        // alpha-3 codes, UN names and common names
        let cases = [
            ("FRA", "FR"),
            ("DEU", "DE"),
            ("CHE", "CH"),
            ("TWN", "TW"),
            ("Türkiye", "TR"),
            ("Czechia", "CZ"),
            ("Republic of Korea", "KR"),
            ("South Korea", "KR"),
            ("Russia", "RU"),
            ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ];
        for (q, code) in cases {
            assert_eq!(code_of(v3(), q), code, "{q}");
        }
        // the row, not a copy: the same intensity as the code's
        assert!(std::ptr::eq(
            v3().location("DEU").expect("deu"),
            v3().location("DE").expect("de")
        ));
    }

    #[test]
    fn codes_and_names_of_the_table_keep_their_meaning() {
        // a code of the table is never read as an alias, in any data version
        for v in DataVersion::ALL {
            let ds = v.dataset();
            for l in ds.locations {
                assert!(
                    std::ptr::eq(ds.location(l.code).expect("code"), l),
                    "{v} {}",
                    l.code
                );
                if l.region == "Any" && l.code != "WORLD" {
                    assert_eq!(ds.location(l.country).expect("name").code, l.code, "{v}");
                }
            }
        }
        assert_eq!(code_of(v3(), "CA-YT"), "CA-YT");
        assert_eq!(code_of(v3(), "FR"), "FR");
        assert_eq!(v3().location("FR").expect("fr").ci_g_per_kwh, 51.28);
        assert_eq!(code_of(v3(), "Yukon Territory"), "CA-YT");
        // every alias of a country of the data version is in force, in every version
        for v in DataVersion::ALL {
            let ds = v.dataset();
            for (alpha2, alpha3, name) in &country_codes::COUNTRY_CODES {
                if ds.locations.iter().any(|l| l.code == *alpha2) {
                    assert_eq!(code_of(ds, alpha3), *alpha2, "{v}");
                    assert_eq!(code_of(ds, name), *alpha2, "{v}");
                }
            }
            for (name, alpha2) in &country_codes::COMMON_NAMES {
                assert_eq!(code_of(ds, name), *alpha2, "{v}");
            }
        }
    }

    #[test]
    fn an_ambiguous_name_stays_unknown_whatever_the_aliases() {
        let ix = KeyIndex::build(
            vec![("ga".to_owned(), 0), ("fr".to_owned(), 1)],
            vec![
                vec![("georgia".to_owned(), 0), ("georgia".to_owned(), 2)],
                vec![
                    ("georgia".to_owned(), 3),
                    ("fr".to_owned(), 4),
                    ("fra".to_owned(), 1),
                ],
            ],
        );
        assert!(ix.find("Georgia").is_empty());
        assert_eq!(ix.find("FR"), [1]);
        assert_eq!(ix.find("FRA"), [1]);
        assert_eq!(ix.find("ga"), [0]);
    }

    #[test]
    fn near_misses_suggest_the_aliased_code_first() {
        for (q, first) in [
            ("U.K", "GB"),
            ("GRB", "GB"),
            ("U.S", "US"),
            ("Untied States", "US"),
        ] {
            match v3().location(q) {
                Err(Error::UnknownLocation { suggestions, .. }) => {
                    assert_eq!(suggestions[0], first, "{q}: {suggestions:?}");
                    assert_eq!(suggestions.len(), 3, "{q}");
                    let mut unique = suggestions.clone();
                    unique.dedup();
                    assert_eq!(unique.len(), 3, "{q}: {suggestions:?}");
                }
                other => panic!("{q}: expected UnknownLocation, got {other:?}"),
            }
        }
    }

    #[test]
    fn search_puts_the_location_of_the_whole_query_first() {
        let hits = v3().search_locations("UK");
        assert_eq!(hits[0].code, "GB");
        assert!(hits.iter().any(|l| l.code == "CA-YT"));
        assert_eq!(hits.iter().filter(|l| l.code == "GB").count(), 1);
        assert_eq!(v3().search_locations("gbr")[0].code, "GB");
        assert_eq!(v3().search_locations("CA")[0].code, "CA");
        assert_eq!(v3().search_locations("France")[0].code, "FR");
        assert!(v3().search_locations("zzz").is_empty());
    }

    #[test]
    fn aliases_give_the_intensity_of_their_code_in_every_source() {
        use crate::intensity::{intensity, sources};
        for src in sources() {
            for (alpha2, alpha3, name) in &country_codes::COUNTRY_CODES {
                let by_code = intensity(src.id, alpha2, v3());
                for q in [*alpha3, *name] {
                    let by_alias = intensity(src.id, q, v3());
                    match (&by_code, &by_alias) {
                        (Ok(a), Ok(b)) => assert_eq!(a, b, "{} {q}", src.id),
                        (Err(a), Err(b)) => assert_eq!(a.code(), b.code(), "{} {q}", src.id),
                        _ => panic!("{} {q}: {by_code:?} vs {by_alias:?}", src.id),
                    }
                }
            }
        }
        // Ember's key for Germany was and is DEU, by its code as by its own key
        let deu = intensity("ember", "DEU", v3()).expect("ember");
        assert_eq!((deu.zone, deu.g_per_kwh), ("DEU", 342.06));
    }

    /// The table of other names against `data/grid-intensity/country-codes.csv` and the
    /// location tables: the same codes and names, and every plain country code of every
    /// data version (a test reads files; the library never does).
    #[test]
    fn country_codes_match_the_committed_csv() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/grid-intensity/country-codes.csv"
        );
        let csv = std::fs::read_to_string(path).expect("country-codes.csv");
        let mut rows = std::collections::BTreeMap::new();
        for line in csv.lines().skip(1) {
            // alpha2,alpha3,m49,name,source; a name with a comma is quoted
            let (a2, rest) = line.split_once(',').expect("alpha2");
            let (a3, rest) = rest.split_once(',').expect("alpha3");
            let (_m49, rest) = rest.split_once(',').expect("m49");
            let name = match rest.strip_prefix('"') {
                Some(quoted) => quoted.split_once('"').expect("quoted").0,
                None => rest.split_once(',').expect("name").0,
            };
            rows.insert(a2, (a3, name));
        }
        let mut wanted = BTreeSet::new();
        for v in DataVersion::ALL {
            for l in v.dataset().locations {
                if !l.code.contains('-') && l.code != "WORLD" {
                    wanted.insert(l.code);
                }
            }
        }
        let ours: Vec<&str> = country_codes::COUNTRY_CODES.iter().map(|c| c.0).collect();
        assert_eq!(ours, wanted.into_iter().collect::<Vec<_>>());
        for (a2, a3, name) in &country_codes::COUNTRY_CODES {
            assert_eq!(rows.get(a2), Some(&(*a3, *name)), "{a2}");
            assert!(a3.len() == 3 && a3.bytes().all(|b| b.is_ascii_uppercase()));
        }
    }

    #[test]
    fn edit_distance_is_levenshtein() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", "abc"), 0);
    }
}
