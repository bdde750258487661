//! Widget parameters of the three augmentation widgets: what a lesson block sets and what a URL
//! carries. Every field has a default, so `[]` is a valid block.

use augment_image::{Op, Pipeline, Step};
use augment_text::{CharNoiseConfig, EdaConfig};
use serde::{Deserialize, Serialize};

/// The bundled photos (scikit-image sample data, CC0 or public domain; see
/// `assets/images/PROVENANCE.md`), shipped as 256-pixel-wide PNGs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BundledImage {
    Astronaut,
    Camera,
    #[default]
    Chelsea,
    Coffee,
    Horse,
    Rocket,
}

impl BundledImage {
    pub const ALL: [BundledImage; 6] =
        [Self::Astronaut, Self::Camera, Self::Chelsea, Self::Coffee, Self::Horse, Self::Rocket];

    /// The name used in URLs and blocks.
    pub fn name(self) -> &'static str {
        match self {
            Self::Astronaut => "astronaut",
            Self::Camera => "camera",
            Self::Chelsea => "chelsea",
            Self::Coffee => "coffee",
            Self::Horse => "horse",
            Self::Rocket => "rocket",
        }
    }

    /// Parse a URL or block name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|i| i.name() == name)
    }

    /// The file under `images/` in `dist/`.
    pub fn file(self) -> String {
        format!("images/{}_256.png", self.name())
    }
}

/// The default pipeline of the image playground: torchvision's usual ImageNet training recipe
/// scaled to the bundled photos (flip, RandomResizedCrop to 128², colour jitter 0.4, erasing).
pub fn default_pipeline() -> Pipeline {
    Pipeline::new(vec![
        Step::always(Op::RandomHorizontalFlip { p: 0.5 }),
        Step::always(Op::RandomResizedCrop {
            size: [128, 128],
            scale: [0.08, 1.0],
            ratio: [0.75, 4.0 / 3.0],
            interpolation: augment_image::Interpolation::Bilinear,
            antialias: true,
        }),
        Step { op: Op::color_jitter(0.4, 0.4, 0.4, 0.1), p: 0.8 },
    ])
}

fn default_samples() -> u32 {
    16
}

/// `widget image-playground`: a photo, a pipeline and a seed; 16 samples next to the original.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImagePlaygroundParams {
    pub image: BundledImage,
    pub pipeline: Pipeline,
    pub seed: u64,
    /// Samples in the grid, 1..=16.
    #[serde(default = "default_samples")]
    pub samples: u32,
}

impl Default for ImagePlaygroundParams {
    fn default() -> Self {
        Self { image: BundledImage::default(), pipeline: default_pipeline(), seed: 0, samples: 16 }
    }
}

/// Mixup (Zhang et al. 2018) or CutMix (Yun et al. 2019).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MixMethod {
    #[default]
    Mixup,
    Cutmix,
}

/// `widget digit-mixing`: two UCI digits (indices into the 1,797 images), the method and α.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DigitMixingParams {
    pub method: MixMethod,
    /// Beta(α, α) concentration, > 0 (torchvision's default 1.0).
    pub alpha: f64,
    /// Index of the first digit image (0..1797).
    pub a: usize,
    /// Index of the second digit image (0..1797).
    pub b: usize,
    pub seed: u64,
    /// Images in the batch view, 2..=16.
    pub batch: u32,
}

impl Default for DigitMixingParams {
    fn default() -> Self {
        // Images 0 and 1 of the dataset are a 0 and a 1.
        Self { method: MixMethod::Mixup, alpha: 1.0, a: 0, b: 1, seed: 0, batch: 8 }
    }
}

/// The language of the text playground's sentence (Chinese is segmented with jieba first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextLang {
    En,
    Zh,
}

/// `widget text-playground`: a sentence, EDA's four strengths and character noise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TextPlaygroundParams {
    /// `None`: the page's language.
    pub lang: Option<TextLang>,
    /// `None`: the course's example sentence in that language.
    pub text: Option<String>,
    pub eda: EdaConfig,
    pub char_noise: CharNoiseConfig,
    pub seed: u64,
}

impl Default for TextPlaygroundParams {
    fn default() -> Self {
        Self {
            lang: None,
            text: None,
            eda: EdaConfig { num_aug: 4.0, ..EdaConfig::default() },
            char_noise: CharNoiseConfig::default(),
            seed: 0,
        }
    }
}
