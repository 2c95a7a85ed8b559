//! Names seen in a log (users, accounts, partitions), each interned once and given a small
//! id, so that jobs and groups carry numbers, not strings.

use std::collections::HashMap;

use super::split::FastBuild;

/// Names seen in the log, each given a small id (0 is the empty name).
#[derive(Debug)]
pub(super) struct Interner {
    ids: HashMap<Box<[u8]>, u32, FastBuild>,
    names: Vec<String>,
    raw: Vec<Box<[u8]>>,
    last: u32,
}

impl Interner {
    pub(super) fn new() -> Interner {
        let mut ids = HashMap::default();
        ids.insert(Box::from(&b""[..]), 0);
        Interner {
            ids,
            names: vec![String::new()],
            raw: vec![Box::from(&b""[..])],
            last: 0,
        }
    }

    /// The id of `name` and whether it is new.
    pub(super) fn intern(&mut self, name: &[u8]) -> (u32, bool) {
        if self
            .raw
            .get(self.last as usize)
            .is_some_and(|r| **r == *name)
        {
            return (self.last, false);
        }
        let (id, new) = match self.ids.get(name) {
            Some(&id) => (id, false),
            None => {
                let id = self.names.len() as u32;
                self.ids.insert(Box::from(name), id);
                self.raw.push(Box::from(name));
                self.names.push(String::from_utf8_lossy(name).into_owned());
                (id, true)
            }
        };
        self.last = id;
        (id, new)
    }

    pub(super) fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }
}
