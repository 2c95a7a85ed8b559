//! The Green Algorithms formula (methodology A.1), in the calculator's order of operations,
//! shared by the single estimate and the batch kernel.

use crate::figures::{Breakdown, Figures};
use crate::units::{GPerKwh, Hours, Kwh, Watts};

/// Power and energy of one job, split by component, in Green Algorithms' order of
/// operations (app.py): `PUE × n × W × u` per component, `runtime × P × MF / 1000`. The one
/// place of the formula: `estimate` and the batch `kernel` both call it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PowerEnergy {
    pub p_cpu: Watts,
    pub p_gpu: Watts,
    pub p_mem: Watts,
    pub power: Watts,
    pub e_cpu: Kwh,
    pub e_gpu: Kwh,
    pub e_mem: Kwh,
    pub energy: Kwh,
}

/// See [`PowerEnergy`]: `cpu` and `gpu` are (count, W each, usage).
pub(crate) fn power_energy(
    pue: f64,
    cpu: Option<(u32, f64, f64)>,
    gpu: Option<(u32, f64, f64)>,
    memory_gb: f64,
    memory_power_w_per_gb: f64,
    runtime_h: f64,
    mf: f64,
) -> PowerEnergy {
    let p_cpu = Watts(cpu.map_or(0.0, |(n, w, u)| pue * f64::from(n) * w * u));
    let p_gpu = Watts(gpu.map_or(0.0, |(n, w, u)| pue * f64::from(n) * w * u));
    let p_mem = Watts(pue * (memory_gb * memory_power_w_per_gb));
    let power = p_cpu + p_gpu + p_mem;
    let time = Hours(runtime_h);
    PowerEnergy {
        p_cpu,
        p_gpu,
        p_mem,
        power,
        e_cpu: p_cpu.energy(time, mf),
        e_gpu: p_gpu.energy(time, mf),
        e_mem: p_mem.energy(time, mf),
        energy: power.energy(time, mf),
    }
}

impl PowerEnergy {
    /// The figures of one estimate: these powers and energies, their CO2e at `ci`
    /// (`E × CI` per component and in total), the PUE used.
    pub(crate) fn figures(&self, pue: f64, ci: GPerKwh) -> Figures {
        Figures {
            energy_kwh: self.energy.0,
            co2e_g: (self.energy * ci).0,
            power_w: self.power.0,
            energy_breakdown_kwh: Breakdown {
                cpu: self.e_cpu.0,
                gpu: self.e_gpu.0,
                memory: self.e_mem.0,
            },
            co2e_breakdown_g: Breakdown {
                cpu: (self.e_cpu * ci).0,
                gpu: (self.e_gpu * ci).0,
                memory: (self.e_mem * ci).0,
            },
            power_breakdown_w: Breakdown {
                cpu: self.p_cpu.0,
                gpu: self.p_gpu.0,
                memory: self.p_mem.0,
            },
            pue,
            ci_g_per_kwh: ci.0,
        }
    }
}
