//! Beyond Green Algorithms (methodology part B): embodied emissions, the SCI score,
//! uncertainty ranges (intervals and the seeded Monte Carlo), water, and the factor tables
//! they read. These methods take plain inputs and know nothing of an estimate; the
//! estimate fills its parts through `ga::parts`.

pub(crate) mod embodied;
pub mod factors;
#[rustfmt::skip]
pub(crate) mod generated;
pub mod montecarlo;
pub(crate) mod rows;
pub(crate) mod sci;
pub(crate) mod uncertainty;
pub(crate) mod water;
