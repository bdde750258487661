//! Published sizes of well-known language models, as data with a source per row, for placing
//! them against a compute-optimal frontier (the compute planner widget, chapters 3–4).
//!
//! Only numbers printed in the cited papers are here. N counts all parameters as the source states
//! them (for LLaMA/Llama the nominal size in the model's name, which is how the papers tabulate
//! them); D is pre-training tokens. Where a source prints no per-model token count, `d` is `None`
//! and the model cannot be placed on a compute axis. `c_published` is the training compute the
//! source itself prints (FLOPs), where it prints one; the tests check C ≈ 6·N·D against it.

use serde::Serialize;

/// One published model.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct FamousModel {
    /// Display name ("GPT-3", "LLaMA 65B", …).
    pub name: &'static str,
    /// Family used to group markers ("Hoffmann Table 1", "LLaMA 1", "Llama 2", "Llama 3").
    pub family: &'static str,
    /// N, parameters.
    pub n: f64,
    /// D, pre-training tokens; `None` when the source gives no per-model count.
    pub d: Option<f64>,
    /// Training compute printed by the source, FLOPs.
    pub c_published: Option<f64>,
    /// Where the numbers come from (paper, table).
    pub source: &'static str,
}

impl FamousModel {
    /// C = 6·N·D in FLOPs, when D is known.
    pub fn c(&self) -> Option<f64> {
        self.d.map(|d| crate::chinchilla::FLOPS_PER_PARAM_TOKEN_TRAIN * self.n * d)
    }

    /// D/N, tokens per parameter, when D is known.
    pub fn tokens_per_param(&self) -> Option<f64> {
        self.d.map(|d| d / self.n)
    }
}

const HOFFMANN_T1: &str = "Hoffmann et al. 2022, arXiv:2203.15556, Table 1";
const LLAMA1: &str = "Touvron et al. 2023, arXiv:2302.13971 (LLaMA), Sec 2 / Table 2";
const LLAMA2: &str = "Touvron et al. 2023, arXiv:2307.09288 (Llama 2), Table 1";
const LLAMA3: &str = "Llama Team 2024, \"The Llama 3 Herd of Models\", arXiv:2407.21783, Sec 1 / 3.2";

/// The models, in chronological-ish order. Hoffmann Table 1 rows equal `models_table1` of
/// shared/reference/scaling-laws.json.
pub const FAMOUS_MODELS: &[FamousModel] = &[
    FamousModel { name: "LaMDA", family: "Hoffmann Table 1", n: 137e9, d: Some(168e9), c_published: None, source: HOFFMANN_T1 },
    FamousModel {
        name: "GPT-3",
        family: "Hoffmann Table 1",
        n: 175e9,
        d: Some(300e9),
        // Brown et al. 2020, arXiv:2005.14165, Table D.1: 3.14·10²³ FLOPs for GPT-3 175B.
        c_published: Some(3.14e23),
        source: "Hoffmann et al. 2022, Table 1; compute: Brown et al. 2020, arXiv:2005.14165, Table D.1",
    },
    FamousModel { name: "Jurassic", family: "Hoffmann Table 1", n: 178e9, d: Some(300e9), c_published: None, source: HOFFMANN_T1 },
    FamousModel { name: "Gopher", family: "Hoffmann Table 1", n: 280e9, d: Some(300e9), c_published: None, source: HOFFMANN_T1 },
    FamousModel { name: "MT-NLG 530B", family: "Hoffmann Table 1", n: 530e9, d: Some(270e9), c_published: None, source: HOFFMANN_T1 },
    FamousModel {
        name: "Chinchilla",
        family: "Hoffmann Table 1",
        n: 70e9,
        d: Some(1.4e12),
        // Trained with Gopher's budget, 5.76·10²³ FLOPs (Hoffmann et al. 2022, Sec 4 / Table 3).
        c_published: Some(5.76e23),
        source: "Hoffmann et al. 2022, Table 1; compute: Sec 4 (Gopher's budget, 5.76e23 FLOPs)",
    },
    FamousModel { name: "LLaMA 7B", family: "LLaMA 1", n: 7e9, d: Some(1.0e12), c_published: None, source: LLAMA1 },
    FamousModel { name: "LLaMA 13B", family: "LLaMA 1", n: 13e9, d: Some(1.0e12), c_published: None, source: LLAMA1 },
    FamousModel { name: "LLaMA 33B", family: "LLaMA 1", n: 33e9, d: Some(1.4e12), c_published: None, source: LLAMA1 },
    FamousModel { name: "LLaMA 65B", family: "LLaMA 1", n: 65e9, d: Some(1.4e12), c_published: None, source: LLAMA1 },
    FamousModel { name: "Llama 2 7B", family: "Llama 2", n: 7e9, d: Some(2.0e12), c_published: None, source: LLAMA2 },
    FamousModel { name: "Llama 2 13B", family: "Llama 2", n: 13e9, d: Some(2.0e12), c_published: None, source: LLAMA2 },
    FamousModel { name: "Llama 2 70B", family: "Llama 2", n: 70e9, d: Some(2.0e12), c_published: None, source: LLAMA2 },
    // The Llama 3 paper states the flagship's token count and compute; it gives no separate
    // per-model token count for 8B and 70B that we rely on, so they are listed without D.
    FamousModel { name: "Llama 3 8B", family: "Llama 3", n: 8e9, d: None, c_published: None, source: LLAMA3 },
    FamousModel { name: "Llama 3 70B", family: "Llama 3", n: 70e9, d: None, c_published: None, source: LLAMA3 },
    FamousModel {
        name: "Llama 3 405B",
        family: "Llama 3",
        n: 405e9,
        d: Some(15.6e12),
        // "pre-trained using 3.8 × 10^25 FLOPs" (Sec 1 / 3.2.1).
        c_published: Some(3.8e25),
        source: LLAMA3,
    },
];
