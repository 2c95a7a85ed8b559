//! Benchmarks of Empreinte live in `benches/`.
