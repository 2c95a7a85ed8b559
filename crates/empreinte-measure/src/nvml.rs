//! NVIDIA GPU energy through NVML, loaded from the driver's `libnvidia-ml.so.1` with
//! `dlopen` when it is there (no link-time dependency, no subprocess).
//!
//! `nvmlDeviceGetTotalEnergyConsumption` gives each GPU's energy since the driver was
//! loaded, in mJ (Volta and later); the difference between two readings is the energy
//! drawn in between by the whole board, whoever used it.
#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, c_uint, c_ulonglong, c_void, CStr};

type Device = *mut c_void;
type InitFn = unsafe extern "C" fn() -> c_int;
type CountFn = unsafe extern "C" fn(*mut c_uint) -> c_int;
type HandleFn = unsafe extern "C" fn(c_uint, *mut Device) -> c_int;
type EnergyFn = unsafe extern "C" fn(Device, *mut c_ulonglong) -> c_int;
type NameFn = unsafe extern "C" fn(Device, *mut c_char, c_uint) -> c_int;

/// The NVML library, initialised, with the GPUs whose energy counter answers.
#[derive(Debug)]
pub struct Nvml {
    energy: EnergyFn,
    /// Device handles (opaque pointers owned by NVML, valid while it is initialised:
    /// for the life of the process, as it is never shut down).
    devices: Vec<usize>,
    /// The GPUs' names, as NVML gives them (e.g. `NVIDIA H100 80GB HBM3`).
    pub names: Vec<String>,
}

const NVML_SUCCESS: c_int = 0;

/// Looks `name` up in `lib`.
///
/// # Safety
/// `T` must be the function pointer type of the symbol.
unsafe fn symbol<T: Copy>(lib: *mut c_void, name: &CStr) -> Option<T> {
    // SAFETY: `lib` is a live handle from dlopen and `name` a NUL-terminated string.
    let p = unsafe { libc::dlsym(lib, name.as_ptr()) };
    if p.is_null() {
        None
    } else {
        // SAFETY: the caller names the right function type; data and function pointers
        // have the same size on the platforms NVML supports.
        Some(unsafe { std::mem::transmute_copy::<*mut c_void, T>(&p) })
    }
}

impl Nvml {
    /// Loads and initialises NVML from `library` (normally `libnvidia-ml.so.1`); `None`
    /// when there is no driver library, no GPU, or no GPU with an energy counter.
    pub fn load(library: &CStr) -> Option<Nvml> {
        // SAFETY: dlopen with a NUL-terminated name; the handle is kept for the life of
        // the process (never closed), so the symbols stay valid.
        let lib = unsafe { libc::dlopen(library.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
        if lib.is_null() {
            return None;
        }
        // SAFETY: each symbol is looked up with its documented C signature.
        let (init, count, handle, energy, name) = unsafe {
            (
                symbol::<InitFn>(lib, c"nvmlInit_v2")?,
                symbol::<CountFn>(lib, c"nvmlDeviceGetCount_v2")?,
                symbol::<HandleFn>(lib, c"nvmlDeviceGetHandleByIndex_v2")?,
                symbol::<EnergyFn>(lib, c"nvmlDeviceGetTotalEnergyConsumption")?,
                symbol::<NameFn>(lib, c"nvmlDeviceGetName")?,
            )
        };
        // SAFETY: NVML's functions are called as documented, with valid out-pointers.
        unsafe {
            if init() != NVML_SUCCESS {
                return None;
            }
            let mut n: c_uint = 0;
            if count(&mut n) != NVML_SUCCESS {
                return None;
            }
            let mut devices = Vec::new();
            let mut names = Vec::new();
            for i in 0..n {
                let mut dev: Device = std::ptr::null_mut();
                let mut mj: c_ulonglong = 0;
                if handle(i, &mut dev) != NVML_SUCCESS || energy(dev, &mut mj) != NVML_SUCCESS {
                    continue;
                }
                let mut buf = [0 as c_char; 96];
                let label = if name(dev, buf.as_mut_ptr(), buf.len() as c_uint) == NVML_SUCCESS {
                    CStr::from_ptr(buf.as_ptr()).to_string_lossy().into_owned()
                } else {
                    format!("GPU {i}")
                };
                devices.push(dev as usize);
                names.push(label);
            }
            if devices.is_empty() {
                return None;
            }
            Some(Nvml {
                energy,
                devices,
                names,
            })
        }
    }

    /// Each GPU's energy counter, mJ (`None` where it did not answer).
    pub fn read(&self) -> Vec<Option<u64>> {
        self.devices
            .iter()
            .map(|&d| {
                let mut mj: c_ulonglong = 0;
                // SAFETY: `d` is a handle NVML gave and NVML is still initialised.
                let rc = unsafe { (self.energy)(d as Device, &mut mj) };
                (rc == NVML_SUCCESS).then_some(mj)
            })
            .collect()
    }
}

/// Energy between two readings, J, over every GPU; `None` when a GPU did not answer.
pub fn energy_j(start: &[Option<u64>], stop: &[Option<f64>]) -> Option<f64> {
    let mut mj = 0.0;
    for (a, b) in start.iter().zip(stop) {
        mj += ((*b)? - (*a)? as f64).max(0.0);
    }
    Some(mj * 1e-3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_library_is_no_gpu() {
        assert!(Nvml::load(c"libnvidia-ml-absent.so.1").is_none());
        assert_eq!(energy_j(&[Some(1000)], &[Some(3500.0)]), Some(2.5));
        assert_eq!(energy_j(&[Some(1000)], &[None]), None);
    }
}
