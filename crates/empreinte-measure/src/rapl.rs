//! CPU package energy from Linux's powercap interface (Intel RAPL, and AMD's through the
//! same files): `/sys/class/powercap/intel-rapl:N/energy_uj`.

use std::fs;
use std::path::{Path, PathBuf};

/// The default powercap folder.
pub const POWERCAP: &str = "/sys/class/powercap";

/// One package zone whose counter is readable.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    /// The zone's `name` (e.g. `package-0`).
    pub name: String,
    energy_file: PathBuf,
    /// Counter range, µJ: the counter wraps to 0 past it.
    max_uj: u64,
}

fn read_u64(path: &Path) -> Option<u64> {
    fs::read_to_string(path).ok()?.trim().parse().ok()
}

/// The readable package zones under `root` (top-level `intel-rapl:N` zones only: their
/// sub-zones, core and dram, are parts of them).
pub fn zones(root: &Path) -> Vec<Zone> {
    let Ok(entries) = fs::read_dir(root) else {
        return Vec::new();
    };
    let mut zones: Vec<Zone> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let rest = file.strip_prefix("intel-rapl:")?;
            if rest.contains(':') {
                return None;
            }
            let dir = e.path();
            let name = fs::read_to_string(dir.join("name")).ok()?.trim().to_owned();
            let energy_file = dir.join("energy_uj");
            read_u64(&energy_file)?;
            let max_uj = read_u64(&dir.join("max_energy_range_uj")).unwrap_or(u64::MAX);
            Some(Zone {
                name,
                energy_file,
                max_uj,
            })
        })
        .collect();
    zones.sort_by(|a, b| a.name.cmp(&b.name));
    zones
}

/// The counters of `zones`, µJ (`None` for a zone that cannot be read any more).
pub fn read(zones: &[Zone]) -> Vec<Option<u64>> {
    zones.iter().map(|z| read_u64(&z.energy_file)).collect()
}

/// Energy between two readings, J, over every zone (one wrap per zone allowed); `None`
/// when a zone could not be read.
pub fn energy_j(zones: &[Zone], start: &[Option<u64>], stop: &[Option<u64>]) -> Option<f64> {
    let mut uj = 0u128;
    for ((z, a), b) in zones.iter().zip(start).zip(stop) {
        let (a, b) = ((*a)?, (*b)?);
        uj += if b >= a {
            u128::from(b - a)
        } else {
            u128::from(z.max_uj - a) + u128::from(b)
        };
    }
    Some(uj as f64 * 1e-6)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake_zone(root: &Path, dir: &str, name: &str, uj: u64, max: u64) {
        let d = root.join(dir);
        fs::create_dir_all(&d).expect("mkdir");
        fs::write(d.join("name"), format!("{name}\n")).expect("name");
        fs::write(d.join("energy_uj"), format!("{uj}\n")).expect("energy");
        fs::write(d.join("max_energy_range_uj"), format!("{max}\n")).expect("max");
    }

    #[test]
    fn packages_are_read_and_wraps_counted() {
        let root = std::env::temp_dir().join(format!("empreinte-rapl-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fake_zone(&root, "intel-rapl:0", "package-0", 1_000_000, 10_000_000);
        fake_zone(&root, "intel-rapl:1", "package-1", 9_000_000, 10_000_000);
        fake_zone(&root, "intel-rapl:0:0", "core", 5, 10);
        let z = zones(&root);
        assert_eq!(z.len(), 2);
        let a = read(&z);
        fake_zone(&root, "intel-rapl:0", "package-0", 3_000_000, 10_000_000);
        fake_zone(&root, "intel-rapl:1", "package-1", 500_000, 10_000_000);
        let b = read(&z);
        // 2 J on package 0, 1 + 0.5 J across the wrap of package 1
        let e = energy_j(&z, &a, &b).expect("energy");
        assert!((e - 3.5).abs() < 1e-9, "{e}");
        assert!(zones(&root.join("absent")).is_empty());
        let _ = fs::remove_dir_all(&root);
    }
}
