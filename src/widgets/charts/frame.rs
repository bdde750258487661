//! Coalescing redraws: many requests within one animation frame draw once, with the latest state.

use std::cell::RefCell;
use std::rc::Rc;

type Job = Box<dyn FnOnce()>;

#[derive(Clone, Default)]
pub struct FrameScheduler {
    pending: Rc<RefCell<Option<Job>>>,
}

impl FrameScheduler {
    pub fn schedule(&self, job: impl FnOnce() + 'static) {
        let was_idle = self.pending.borrow_mut().replace(Box::new(job)).is_none();
        if was_idle {
            let pending = self.pending.clone();
            leptos::prelude::request_animation_frame(move || {
                let job = pending.borrow_mut().take();
                if let Some(job) = job {
                    job();
                }
            });
        }
    }
}
