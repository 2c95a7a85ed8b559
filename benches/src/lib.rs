//! Criterion benchmarks of Empreinte: see `benches/estimate.rs` and the README's
//! Benchmarks section. This library is empty; the crate exists for its benches.
