//! The reactive store: the stored [`Record`] as a signal, saved to localStorage on every change. When
//! storage is unavailable or its content unreadable, the page keeps working and says so.

use leptos::prelude::*;
use web_sys::Storage;

use super::schema::{self, ParseError, Record, STORAGE_KEY};

#[derive(Clone, Debug, PartialEq)]
pub enum StorageStatus {
    Ok,
    /// localStorage is missing or refuses writes (private mode, quota): progress lives only in memory.
    Unavailable,
    /// The stored text could not be read; it was moved to `key` and a fresh record started.
    Recovered { key: String, reason: String },
}

#[derive(Clone, Copy)]
pub struct Store {
    pub record: RwSignal<Record>,
    pub status: RwSignal<StorageStatus>,
}

fn storage() -> Option<Storage> {
    let s = web_sys::window()?.local_storage().ok()??;
    // Safari's private mode exposes a storage object whose writes throw: probe once.
    s.set_item("scaling-lab/probe", "1").ok()?;
    let _ = s.remove_item("scaling-lab/probe");
    Some(s)
}

fn fresh_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64
}

impl Store {
    /// Read the stored record (or start one) and provide the store as context.
    pub fn provide() -> Store {
        let (record, status) = match storage() {
            None => (Record::new(fresh_seed()), StorageStatus::Unavailable),
            Some(s) => match s.get_item(STORAGE_KEY).ok().flatten() {
                None => (Record::new(fresh_seed()), StorageStatus::Ok),
                Some(text) => match schema::parse(&text) {
                    Ok(r) => (r, StorageStatus::Ok),
                    Err(e) => {
                        let key = format!("scaling-lab/corrupt-{}", js_sys::Date::now() as u64);
                        let _ = s.set_item(&key, &text);
                        (Record::new(fresh_seed()), StorageStatus::Recovered { key, reason: e.to_string() })
                    }
                },
            },
        };
        let store = Store { record: RwSignal::new(record), status: RwSignal::new(status) };
        store.save();
        provide_context(store);
        store
    }

    pub fn get() -> Store {
        expect_context::<Store>()
    }

    /// Change the record and save it.
    pub fn update(&self, f: impl FnOnce(&mut Record)) {
        self.record.update(f);
        self.save();
    }

    fn save(&self) {
        if self.status.get_untracked() == StorageStatus::Unavailable {
            return;
        }
        let text = self.record.with_untracked(schema::to_json);
        let ok = storage().map(|s| s.set_item(STORAGE_KEY, &text).is_ok()).unwrap_or(false);
        if !ok {
            self.status.set(StorageStatus::Unavailable);
        }
    }

    /// Merge an exported progress file into the current record.
    pub fn import(&self, text: &str) -> Result<(), ParseError> {
        let other = schema::parse(text)?;
        self.update(|r| r.merge(other));
        Ok(())
    }

    pub fn export(&self) -> String {
        self.record.with_untracked(schema::to_json)
    }

    /// Forget progress (read chapters, exercises); keep the learner's seed and settings.
    pub fn reset(&self) {
        self.update(|r| {
            r.read.clear();
            r.exercises.clear();
        });
    }
}
