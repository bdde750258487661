//! `compile-lessons <content_dir> <out_dir>`: compiles the course (see `lessons::compiler`), writes
//! `out_dir/index.json` and `out_dir/{zh,en}/{slug}.json`, and prints a one-line summary. On any
//! content error prints every `path:line: message` to stderr and exits 1 (failing `trunk build`).

use std::path::PathBuf;
use std::process::ExitCode;

use lessons::compiler::{compile_course, write_output};
use lessons::{Exercise, Segment};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, out] = args.as_slice() else {
        eprintln!("usage: compile-lessons <content_dir> <out_dir>");
        return ExitCode::from(2);
    };
    let (content, out) = (PathBuf::from(content), PathBuf::from(out));
    let output = match compile_course(&content) {
        Ok(o) => o,
        Err(diags) => {
            for d in &diags {
                eprintln!("{d}");
            }
            eprintln!("compile-lessons: {} error(s)", diags.len());
            return ExitCode::from(1);
        }
    };
    if let Err(e) = write_output(&output, &out) {
        eprintln!("{}: {e}", out.display());
        return ExitCode::from(1);
    }
    let (mut widgets, mut exercises) = (0, 0);
    for c in output.chapters.iter().filter(|c| c.lang == lessons::Language::En) {
        for s in &c.body {
            match s {
                Segment::Widget(_) => widgets += 1,
                Segment::Exercise(e) => {
                    exercises += 1;
                    if matches!(e.kind, Exercise::Predict { .. }) {
                        widgets += 1;
                    }
                }
                Segment::Html(_) => {}
            }
        }
    }
    println!(
        "compile-lessons: {} chapters, {} pages, {} widgets, {} exercises (zh + en) → {}",
        output.index.chapters.len(),
        output.index.pages.len(),
        widgets,
        exercises,
        out.display()
    );
    ExitCode::SUCCESS
}
