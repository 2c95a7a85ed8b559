//! Slurm accounting logs (`sacct -P`): parsing, merging job steps and per-job energy and
//! CO2e, the GA4HPC use case (methodology part C).
