//! Other names of the Green Algorithms countries, for location lookups: ISO 3166-1 alpha-3
//! codes, the UN's English short names, and a few common English names.
//!
//! `COUNTRY_CODES` holds the rows of `data/grid-intensity/country-codes.csv` (UN Statistics
//! Division, M49 standard, <https://unstats.un.org/unsd/methodology/m49/>, via
//! `Cambridge-Sustainable-Computing-Lab/Green-Algorithms-data` `utils/data/UNSD_M49.csv`;
//! `TW`/`TWN` from ISO 3166-1; see `data/grid-intensity/README.md`) whose alpha-2 code is a
//! location code of some Green Algorithms data version. The alpha-2 and alpha-3 codes of
//! that file agree with ISO 3166-1 as Debian's `iso-codes` 4.15.0 lists it (checked when
//! this table was written; codes are facts, nothing of that package is copied or read).
//! The test `country_codes_match_the_committed_csv` checks this table against the CSV and
//! against the location tables; rebuild it from the CSV when either changes.

/// (alpha-2, alpha-3, UN English short name), sorted by alpha-2: every plain country code
/// of the Green Algorithms location tables, all data versions.
pub(crate) static COUNTRY_CODES: [(&str, &str, &str); 54] = [
    ("AE", "ARE", "United Arab Emirates"),
    ("AR", "ARG", "Argentina"),
    ("AT", "AUT", "Austria"),
    ("AU", "AUS", "Australia"),
    ("BE", "BEL", "Belgium"),
    ("BG", "BGR", "Bulgaria"),
    ("BR", "BRA", "Brazil"),
    ("CA", "CAN", "Canada"),
    ("CH", "CHE", "Switzerland"),
    ("CN", "CHN", "China"),
    ("CY", "CYP", "Cyprus"),
    ("CZ", "CZE", "Czechia"),
    ("DE", "DEU", "Germany"),
    ("DK", "DNK", "Denmark"),
    ("EE", "EST", "Estonia"),
    ("ES", "ESP", "Spain"),
    ("FI", "FIN", "Finland"),
    ("FR", "FRA", "France"),
    (
        "GB",
        "GBR",
        "United Kingdom of Great Britain and Northern Ireland",
    ),
    ("GR", "GRC", "Greece"),
    ("HR", "HRV", "Croatia"),
    ("HU", "HUN", "Hungary"),
    ("ID", "IDN", "Indonesia"),
    ("IE", "IRL", "Ireland"),
    ("IL", "ISR", "Israel"),
    ("IN", "IND", "India"),
    ("IS", "ISL", "Iceland"),
    ("IT", "ITA", "Italy"),
    ("JP", "JPN", "Japan"),
    ("KR", "KOR", "Republic of Korea"),
    ("LT", "LTU", "Lithuania"),
    ("LU", "LUX", "Luxembourg"),
    ("LV", "LVA", "Latvia"),
    ("MT", "MLT", "Malta"),
    ("MX", "MEX", "Mexico"),
    ("NL", "NLD", "Netherlands (Kingdom of the)"),
    ("NO", "NOR", "Norway"),
    ("NZ", "NZL", "New Zealand"),
    ("PL", "POL", "Poland"),
    ("PT", "PRT", "Portugal"),
    ("RO", "ROU", "Romania"),
    ("RS", "SRB", "Serbia"),
    ("RU", "RUS", "Russian Federation"),
    ("SA", "SAU", "Saudi Arabia"),
    ("SE", "SWE", "Sweden"),
    ("SG", "SGP", "Singapore"),
    ("SI", "SVN", "Slovenia"),
    ("SK", "SVK", "Slovakia"),
    ("TH", "THA", "Thailand"),
    ("TR", "TUR", "Türkiye"),
    ("TW", "TWN", "Taiwan"),
    ("US", "USA", "United States of America"),
    ("UY", "URY", "Uruguay"),
    ("ZA", "ZAF", "South Africa"),
];

/// Common English names that are neither a code nor a name of the tables or of
/// `COUNTRY_CODES`: (name, alpha-2). `UK` is the code ISO 3166 exceptionally reserves for
/// the United Kingdom (whose alpha-2 code is `GB`).
pub(crate) static COMMON_NAMES: [(&str, &str); 7] = [
    ("UK", "GB"),
    ("U.K.", "GB"),
    ("United States", "US"),
    ("U.S.", "US"),
    ("U.S.A.", "US"),
    ("South Korea", "KR"),
    ("Russia", "RU"),
];
