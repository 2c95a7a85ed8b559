//! Byte search eight bytes at a time in safe Rust (SWAR), for splitting lines and fields
//! without a dependency.

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

#[inline]
fn word(bytes: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(w)
}

/// The high bit of each byte of `w` that equals the byte of `pattern` (exact: no carry
/// crosses bytes).
#[inline]
fn equal_bytes(w: u64, pattern: u64) -> u64 {
    let x = w ^ pattern;
    !(((x & LOW7).wrapping_add(LOW7)) | x) & HI
}

/// Position of the first `needle` in `hay`.
#[inline]
pub fn find_byte(hay: &[u8], needle: u8) -> Option<usize> {
    let pattern = LO * u64::from(needle);
    let mut i = 0;
    while i + 8 <= hay.len() {
        let m = equal_bytes(word(hay, i), pattern);
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    hay[i..].iter().position(|&b| b == needle).map(|p| p + i)
}

/// Calls `found` with the position of every `needle` in `hay`, in order.
#[inline]
pub fn for_each_byte(hay: &[u8], needle: u8, mut found: impl FnMut(usize)) {
    let pattern = LO * u64::from(needle);
    let mut i = 0;
    while i + 8 <= hay.len() {
        let mut m = equal_bytes(word(hay, i), pattern);
        while m != 0 {
            found(i + (m.trailing_zeros() / 8) as usize);
            m &= m - 1;
        }
        i += 8;
    }
    for (j, &b) in hay[i..].iter().enumerate() {
        if b == needle {
            found(i + j);
        }
    }
}

/// A fast non-cryptographic hasher for the short keys of the merge (job IDs, user
/// names): the input is the user's own log, so hash flooding is not a concern.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            h = (h.rotate_left(5) ^ word(c, 0)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        self.0 = h;
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // MurmurHash3's finaliser: every input bit reaches the low bits (the bucket) and
        // the top ones (hashbrown's control byte)
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^ (x >> 33)
    }
}

/// Builds [`FastHasher`]s.
pub type FastBuild = std::hash::BuildHasherDefault<FastHasher>;

/// The 64-bit hash of a job ID (keys of the open-job index).
#[cfg(not(test))]
#[inline]
pub fn hash_id(id: &[u8]) -> u64 {
    real_hash_id(id)
}

/// In the unit tests, job IDs hash to two values only, so that they exercise the path of
/// IDs whose hash is taken (the integration tests exercise the real hash).
#[cfg(test)]
pub fn hash_id(id: &[u8]) -> u64 {
    (id.len() % 2) as u64
}

#[inline]
fn real_hash_id(id: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = FastHasher(id.len() as u64);
    h.write(id);
    h.finish()
}

/// A hasher for keys that are already hashes.
#[derive(Debug, Default, Clone, Copy)]
pub struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds [`IdentityHasher`]s.
pub type IdentityBuild = std::hash::BuildHasherDefault<IdentityHasher>;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn agrees_with_the_naive_search(hay in proptest::collection::vec(any::<u8>(), 0..80), needle in any::<u8>()) {
            prop_assert_eq!(find_byte(&hay, needle), hay.iter().position(|&b| b == needle));
            let mut all = Vec::new();
            for_each_byte(&hay, needle, |i| all.push(i));
            let naive: Vec<usize> = hay.iter().enumerate().filter(|(_, &b)| b == needle).map(|(i, _)| i).collect();
            prop_assert_eq!(all, naive);
        }
    }

    #[test]
    fn the_real_hash_spreads_ids() {
        let hashes: std::collections::HashSet<u64> = (0..10_000u32)
            .map(|i| real_hash_id(format!("{}", 1_000_000 + i).as_bytes()) & 0xfff)
            .collect();
        assert!(hashes.len() > 3_500, "{}", hashes.len());
    }

    #[test]
    fn finds_in_every_position() {
        for n in 0..20 {
            let mut v = vec![b'a'; 20];
            v[n] = b'|';
            assert_eq!(find_byte(&v, b'|'), Some(n));
        }
        assert_eq!(find_byte(b"", b'|'), None);
        assert_eq!(find_byte(&[0x7c ^ 0x80; 16], b'|'), None);
    }
}
