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
