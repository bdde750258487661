//! The augmentation playgrounds of chapters 6–8 as a module of their own, fetched by the page only
//! when a chapter shows one (see `scaling_lab::widgets::remote`). Its exports are `widget_bundle!`'s.

#[cfg(target_arch = "wasm32")]
scaling_lab::widget_bundle!(scaling_lab::widgets::render_augment);

fn main() {}
