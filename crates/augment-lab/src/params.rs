//! Widget parameters of the three augmentation widgets: what a lesson block sets and what a URL
//! carries. Every field has a default, so `[]` is a valid block.

use augment_image::{Op, Pipeline, Step};
use augment_text::{CharNoiseConfig, EdaConfig};
use serde::{Deserialize, Serialize};

/// The bundled photos (scikit-image sample data, CC0 or public domain; see
/// `assets/images/PROVENANCE.md`), shipped as 256-pixel-wide PNGs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    #[serde(with = "pipeline_as_url")]
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

/// The language of a sentence (Chinese is segmented with jieba first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextLang {
    En,
    Zh,
}

/// The text playground's language: the page's, or fixed by the block or the reader.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextLangChoice {
    #[default]
    Page,
    En,
    Zh,
}

/// `widget text-playground`: a sentence, EDA's four strengths (names as in eda.py) and character
/// noise probabilities, flat so that each is one short URL key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TextPlaygroundParams {
    pub lang: TextLangChoice,
    /// Empty: the course's example sentence in that language.
    pub text: String,
    pub alpha_sr: f64,
    pub alpha_ri: f64,
    pub alpha_rs: f64,
    pub p_rd: f64,
    /// Augmented sentences (eda.py's `num_aug`), 1..=16 here.
    pub num_aug: f64,
    pub p_keyboard: f64,
    pub p_ocr: f64,
    pub p_insert: f64,
    pub p_delete: f64,
    pub p_substitute: f64,
    pub p_swap: f64,
    pub seed: u64,
}

impl Default for TextPlaygroundParams {
    fn default() -> Self {
        let eda = EdaConfig::default();
        Self {
            lang: TextLangChoice::Page,
            text: String::new(),
            alpha_sr: eda.alpha_sr,
            alpha_ri: eda.alpha_ri,
            alpha_rs: eda.alpha_rs,
            p_rd: eda.p_rd,
            num_aug: 4.0,
            p_keyboard: 0.0,
            p_ocr: 0.0,
            p_insert: 0.0,
            p_delete: 0.0,
            p_substitute: 0.0,
            p_swap: 0.0,
            seed: 0,
        }
    }
}

/// Longest sentence the playground takes, in characters (EDA is quadratic in places).
pub const MAX_TEXT_CHARS: usize = 2_000;

impl TextPlaygroundParams {
    pub fn eda(&self) -> EdaConfig {
        EdaConfig { alpha_sr: self.alpha_sr, alpha_ri: self.alpha_ri, alpha_rs: self.alpha_rs, p_rd: self.p_rd, num_aug: self.num_aug }
    }

    pub fn char_noise(&self) -> CharNoiseConfig {
        CharNoiseConfig {
            p_keyboard: self.p_keyboard,
            p_ocr: self.p_ocr,
            p_insert: self.p_insert,
            p_delete: self.p_delete,
            p_substitute: self.p_substitute,
            p_swap: self.p_swap,
        }
    }

    /// # Errors
    /// The engine's message for a bad α or probability; `num_aug` outside 1..=16; text too long.
    pub fn validate(&self) -> Result<(), String> {
        self.eda().validate().map_err(|e| e.to_string())?;
        self.char_noise().validate().map_err(|e| e.to_string())?;
        if !(1.0..=16.0).contains(&self.num_aug) {
            return Err(format!("num_aug must be in 1..=16, got {}", self.num_aug));
        }
        if self.text.chars().count() > MAX_TEXT_CHARS {
            return Err(format!("the sentence is longer than {MAX_TEXT_CHARS} characters"));
        }
        Ok(())
    }
}

impl ImagePlaygroundParams {
    /// # Errors
    /// The pipeline's own validation message; `samples` outside 1..=16.
    pub fn validate(&self) -> Result<(), String> {
        self.pipeline.validate().map_err(|e| e.to_string())?;
        if !(1..=16).contains(&self.samples) {
            return Err(format!("samples must be in 1..=16, got {}", self.samples));
        }
        Ok(())
    }
}

/// Number of images in the UCI digits set (Alpaydin & Kaynak 1998; sklearn's `load_digits`).
pub const DIGIT_COUNT: usize = 1_797;

impl DigitMixingParams {
    /// # Errors
    /// α not finite and > 0, an index outside the 1,797 digits, batch outside 2..=16.
    pub fn validate(&self) -> Result<(), String> {
        if !(self.alpha.is_finite() && self.alpha > 0.0) {
            return Err(format!("alpha must be > 0, got {}", self.alpha));
        }
        for (name, i) in [("a", self.a), ("b", self.b)] {
            if i >= DIGIT_COUNT {
                return Err(format!("{name} must be a digit index below {DIGIT_COUNT}, got {i}"));
            }
        }
        if !(2..=16).contains(&self.batch) {
            return Err(format!("batch must be in 2..=16, got {}", self.batch));
        }
        Ok(())
    }
}

/// The pipeline in URLs and compiled lessons is [`Pipeline::to_url`]'s short string (`p1.…`); a
/// lesson block may also write it out as a table (`[[pipeline.ops]]`).
mod pipeline_as_url {
    use augment_image::Pipeline;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(p: &Pipeline, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&p.to_url())
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Url(String),
        Table(Pipeline),
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Pipeline, D::Error> {
        match Either::deserialize(d)? {
            Either::Url(s) => Pipeline::from_url(&s).map_err(serde::de::Error::custom),
            Either::Table(p) => Ok(p),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pipeline_travels_as_its_url_string_and_reads_back_from_a_table_too() {
        let p = ImagePlaygroundParams::default();
        let json = serde_json::to_value(&p).unwrap();
        let s = json["pipeline"].as_str().expect("a string");
        assert!(s.starts_with(augment_image::pipeline::URL_PREFIX));
        assert_eq!(serde_json::from_value::<ImagePlaygroundParams>(json).unwrap(), p);
        let table = serde_json::json!({ "pipeline": { "ops": [ { "op": { "type": "RandomVerticalFlip", "p": 1.0 } } ] } });
        let q: ImagePlaygroundParams = serde_json::from_value(table).unwrap();
        assert_eq!(q.pipeline.ops.len(), 1);
        assert!(serde_json::from_value::<ImagePlaygroundParams>(serde_json::json!({ "pipeline": "p1.!!" })).is_err());
    }

    #[test]
    fn defaults_are_valid_and_bad_values_are_named() {
        assert_eq!(ImagePlaygroundParams::default().validate(), Ok(()));
        assert_eq!(DigitMixingParams::default().validate(), Ok(()));
        assert_eq!(TextPlaygroundParams::default().validate(), Ok(()));
        assert!(DigitMixingParams { a: 1_797, ..Default::default() }.validate().unwrap_err().contains("a must"));
        assert!(DigitMixingParams { alpha: 0.0, ..Default::default() }.validate().unwrap_err().contains("alpha"));
        assert!(TextPlaygroundParams { p_rd: 1.5, ..Default::default() }.validate().unwrap_err().contains("p_rd"));
        assert!(ImagePlaygroundParams { samples: 17, ..Default::default() }.validate().unwrap_err().contains("samples"));
    }
}
