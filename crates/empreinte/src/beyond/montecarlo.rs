//! The Monte Carlo option of the uncertainty analysis, bit-identical on every platform.
//!
//! Random numbers come from xoshiro256** (Blackman & Vigna) seeded by SplitMix64, in
//! integer arithmetic. Samples use only IEEE 754 operations that are correctly rounded
//! everywhere (`+ − × ÷ sqrt`, `min`, `max`, `floor`, and the exact conversion of a 53-bit
//! integer to `f64`): no `ln`, `exp` or trigonometric function whose result depends on
//! the platform's maths library. Each factor follows a triangular distribution
//! (low, central, high), sampled by its inverse CDF, which needs only a square root.
//! Percentiles come from a total-order sort, so the same seed gives the same bytes in
//! Rust, Python and WebAssembly.

/// SplitMix64 (Steele, Lea & Flood 2014), used to seed [`Xoshiro256StarStar`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next 64-bit output.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// xoshiro256** 1.0 (Blackman & Vigna 2018): a small, fast generator with a 256-bit state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Xoshiro256StarStar {
    s: [u64; 4],
}

impl Xoshiro256StarStar {
    /// A generator with this exact state (must not be all zeros; if it is, a fixed
    /// non-zero state is used instead).
    pub fn from_state(s: [u64; 4]) -> Xoshiro256StarStar {
        if s == [0; 4] {
            return Xoshiro256StarStar::seed_from_u64(0);
        }
        Xoshiro256StarStar { s }
    }

    /// The generator seeded from `seed` by four SplitMix64 outputs (the authors'
    /// recommended seeding).
    pub fn seed_from_u64(seed: u64) -> Xoshiro256StarStar {
        let mut sm = SplitMix64(seed);
        let s = [sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()];
        Xoshiro256StarStar { s }
    }

    /// The next 64-bit output.
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// A uniform number in [0, 1): the top 53 bits times 2⁻⁵³ (exact).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }
}

/// The triangular distribution's inverse CDF at `u` in [0, 1]: `low` ≤ result ≤ `high`,
/// most likely `mode`. Degenerate bounds (`high ≤ low`) give `mode`.
pub fn triangular(u: f64, low: f64, mode: f64, high: f64) -> f64 {
    let width = high - low;
    if width.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
        return mode;
    }
    let left = mode - low;
    let x = if u * width < left {
        low + (u * width * left).sqrt()
    } else {
        high - ((1.0 - u) * width * (high - mode)).sqrt()
    };
    x.max(low).min(high)
}

/// The `p` quantile (0 ≤ p ≤ 1) of sorted values, interpolated linearly between the
/// two nearest ranks (`h = (n − 1) p`). Empty input gives 0.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    match sorted.len() {
        0 => 0.0,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * p;
            let lo = h.floor();
            let i = (lo as usize).min(n - 1);
            let j = (i + 1).min(n - 1);
            sorted[i] + (h - lo) * (sorted[j] - sorted[i])
        }
    }
}

/// Draws `samples` sets of factor values (each triangular on its (low, central, high),
/// in the fixed factor order) and returns, for each output of `eval`, its
/// (`p_low`, `p_high`) percentiles.
pub(crate) fn simulate<const F: usize, const O: usize>(
    factors: &[(f64, f64, f64); F],
    samples: usize,
    seed: u64,
    p_low: f64,
    p_high: f64,
    eval: impl Fn(&[f64; F]) -> [f64; O],
) -> [(f64, f64); O] {
    let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
    let mut outputs: Vec<Vec<f64>> = (0..O).map(|_| Vec::with_capacity(samples)).collect();
    let mut x = [0.0; F];
    for _ in 0..samples {
        for (xi, &(low, mode, high)) in x.iter_mut().zip(factors.iter()) {
            *xi = triangular(rng.next_f64(), low, mode, high);
        }
        for (out, y) in outputs.iter_mut().zip(eval(&x)) {
            out.push(y);
        }
    }
    let mut result = [(0.0, 0.0); O];
    for (r, out) in result.iter_mut().zip(outputs.iter_mut()) {
        *r = (quantile(out, p_low), quantile(out, p_high));
    }
    result
}

/// [`percentile`] of unsorted values, in linear time: the two order statistics it needs
/// are selected under `f64::total_cmp`, whose k-th smallest value is unique, so the
/// result does not depend on the selection algorithm (or on the order of the input).
pub fn quantile(values: &mut [f64], p: f64) -> f64 {
    let n = values.len();
    if n < 2 {
        return values.first().copied().unwrap_or(0.0);
    }
    let h = (n - 1) as f64 * p;
    let lo = h.floor();
    let i = (lo as usize).min(n - 1);
    let (_, a, rest) = values.select_nth_unstable_by(i, f64::total_cmp);
    let a = *a;
    let b = rest.iter().copied().min_by(f64::total_cmp).unwrap_or(a);
    a + (h - lo) * (b - a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xoshiro_matches_the_reference_from_state_1_2_3_4() {
        // Reference: the C implementation of xoshiro256** 1.0 with s = {1, 2, 3, 4}.
        let mut g = Xoshiro256StarStar::from_state([1, 2, 3, 4]);
        assert_eq!(g.next_u64(), 11520);
        assert_eq!(g.next_u64(), 0);
        assert_eq!(g.next_u64(), 1509978240);
        assert_eq!(g.next_u64(), 1215971899390074240);
    }

    #[test]
    fn splitmix_matches_the_reference_from_0() {
        let mut s = SplitMix64(0);
        assert_eq!(s.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(s.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn triangular_covers_its_support() {
        assert_eq!(triangular(0.0, 1.0, 2.0, 4.0), 1.0);
        assert_eq!(triangular(1.0, 1.0, 2.0, 4.0), 4.0);
        // at the CDF of the mode, the mode: F(2) = (2-1)/(4-1) = 1/3
        assert!((triangular(1.0 / 3.0, 1.0, 2.0, 4.0) - 2.0).abs() < 1e-15);
        assert_eq!(triangular(0.7, 3.0, 3.0, 3.0), 3.0);
        assert_eq!(triangular(0.5, 0.0, 0.0, 2.0), 2.0 - 2.0f64.sqrt());
    }

    #[test]
    fn quantile_equals_percentile_of_the_sorted_values() {
        let mut rng = Xoshiro256StarStar::seed_from_u64(3);
        let v: Vec<f64> = (0..1001).map(|_| rng.next_f64()).collect();
        let mut sorted = v.clone();
        sorted.sort_unstable_by(f64::total_cmp);
        for p in [0.0, 0.05, 0.5, 0.95, 1.0, 0.333] {
            let mut w = v.clone();
            assert_eq!(
                quantile(&mut w, p).to_bits(),
                percentile(&sorted, p).to_bits()
            );
        }
        assert_eq!(quantile(&mut [], 0.5), 0.0);
        assert_eq!(quantile(&mut [2.0], 0.5), 2.0);
    }

    #[test]
    fn percentile_interpolates() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(percentile(&v, 0.0), 1.0);
        assert_eq!(percentile(&v, 1.0), 5.0);
        assert_eq!(percentile(&v, 0.5), 3.0);
        assert_eq!(percentile(&v, 0.1), 1.4);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }
}
