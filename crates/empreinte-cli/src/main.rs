//! The `empreinte` command: the carbon footprint of a computation by the Green Algorithms
//! method, and the data tables behind it.
//!
//! ```text
//! empreinte estimate --runtime 12h --cpu "Xeon E5-2683 v4" --cores 12 --memory 64 --location FR
//! empreinte estimate --input job.json --format json
//! empreinte data cpus --search "xeon e5"
//! ```
//!
//! This binary only parses arguments, reads the job, calls the `empreinte` core and prints.
//! Exit status: 0 on success (also when the reader of the output goes away, as `| head`
//! does), 2 on bad input or bad usage, 1 when the output cannot be written.

mod carbon_cmd;
mod data_cmd;
mod estimate_cmd;
mod hpc_cmd;
mod phases_cmd;
mod report_cmd;
mod run_cmd;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use empreinte::Lang;

/// Exit status for bad input and bad usage (clap uses the same).
const EXIT_INPUT: u8 = 2;
/// Exit status when the output cannot be written.
const EXIT_OUTPUT: u8 = 1;

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "empreinte",
    version,
    about = "Carbon footprint of computation (Green Algorithms method)",
    long_about = "Carbon footprint of computation by the Green Algorithms method \
                  (Lannelongue, Grealey & Inouye, Advanced Science 2021), data CC BY 4.0."
)]
struct Cli {
    /// What to do.
    #[command(subcommand)]
    command: Command,
    /// Output format [default: text; json for report, html for render].
    #[arg(long, value_enum, global = true, display_order = 100)]
    format: Option<FormatArg>,
    /// Language of the text output [default: fr when $LANG starts with "fr", else en].
    #[arg(long, value_enum, global = true, display_order = 101)]
    lang: Option<LangArg>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Estimate the energy and carbon footprint of a computation.
    Estimate(Box<estimate_cmd::EstimateArgs>),
    /// List a Green Algorithms data table (CPUs, GPUs, locations, providers, data centres).
    Data(data_cmd::DataArgs),
    /// Run a command as `time` does and print its measured footprint on standard error
    /// (`empreinte run --cpu Any --location FR -- CMD ARGS...`); exits with its status.
    Run(Box<run_cmd::RunArgs>),
    /// Make the footprint report of a project from its manifest (JSON, or a rendering).
    Report(report_cmd::ReportArgs),
    /// Render a report JSON as HTML, Markdown or text, in French or English.
    Render(report_cmd::RenderArgs),
    /// Verify a report: digest, then recomputation from its own inputs (exit 0 valid,
    /// 1 tampered or not reproducible, 2 invalid).
    Verify(report_cmd::VerifyArgs),
    /// Print the JSON Schema of the report.
    Schema,
    /// Find the start time that minimises the CO2e of a job over a carbon-intensity series.
    Whatif(Box<carbon_cmd::WhatifArgs>),
    /// The same job's CO2e in several locations (default: Green Algorithms' reference
    /// countries).
    ///
    /// Only the job's energy is compared, and it does not depend on the place: --location
    /// is optional (without it, and without a data centre, the text output says so). Each
    /// row gives a location's carbon intensity under the job's source and the CO2e of that
    /// energy there; there is no row for the job's own location unless it is listed.
    Compare(Box<carbon_cmd::CompareArgs>),
    /// The AI view: per phase (training with R&D and retrainings, inference scaled to a
    /// month or a year) and in total.
    Phases(phases_cmd::PhasesArgs),
    /// The footprint of a Slurm accounting log (sacct -P), per job, user, account, partition
    /// and day (GA4HPC method).
    Hpc(Box<hpc_cmd::HpcArgs>),
}

/// The `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Text for people.
    #[value(alias = "txt")]
    Text,
    /// JSON for programs.
    Json,
    /// A self-contained HTML page (report, render).
    Html,
    /// Markdown (report, render).
    #[value(alias = "markdown")]
    Md,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned summary or table for people.
    Text,
    /// JSON for programs.
    Json,
}

/// The `--lang` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LangArg {
    /// French.
    Fr,
    /// English.
    En,
}

/// Output settings shared by the subcommands.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Text or JSON.
    pub format: Format,
    /// Language of the text output.
    pub lang: Lang,
}

/// The language asked for, else the one of `$LANG` (French when it starts with `fr`), else
/// English.
fn choose_lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Fr) => Lang::Fr,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_locale(std::env::var("LANG").ok().as_deref()),
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // help and version go to stdout with status 0, usage errors to stderr with 2;
            // a closed pipe is not worth reporting
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(EXIT_INPUT));
        }
    };
    let lang = cli.lang.map(|l| match l {
        LangArg::Fr => Lang::Fr,
        LangArg::En => Lang::En,
    });
    let format = match cli.format {
        None | Some(FormatArg::Text) => Format::Text,
        Some(FormatArg::Json) => Format::Json,
        Some(f @ (FormatArg::Html | FormatArg::Md)) => {
            if !matches!(cli.command, Command::Report(_) | Command::Render(_)) {
                report(&format!("--format {f:?} applies to report and render only").to_lowercase());
                return ExitCode::from(EXIT_INPUT);
            }
            Format::Text
        }
    };
    let style = Style {
        format,
        lang: choose_lang(cli.lang),
    };
    let result = match &cli.command {
        Command::Report(args) => report_cmd::report(args, cli.format, lang, style.lang),
        Command::Render(args) => report_cmd::render(args, cli.format, lang, style.lang),
        Command::Verify(args) => return report_cmd::verify(args, cli.format),
        Command::Schema => Ok(report_cmd::schema()),
        Command::Estimate(args) => estimate_cmd::run(args, style),
        Command::Data(args) => data_cmd::run(args, style),
        Command::Run(args) => return run_cmd::run(args, style),
        Command::Whatif(args) => carbon_cmd::whatif(args, style),
        Command::Compare(args) => carbon_cmd::compare_cmd(args, style),
        Command::Phases(args) => phases_cmd::run(args, style),
        Command::Hpc(args) => hpc_cmd::run(args, style),
    };
    match result {
        Ok(text) => write_stdout(&text),
        Err(err) => {
            report(&format!("{err:#}"));
            ExitCode::from(EXIT_INPUT)
        }
    }
}

/// Prints `error: <message>` on one line to stderr.
fn report(message: &str) {
    let line = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    // an input echoed in a message (a name, a key, a line) is cut, as on every surface
    let line = empreinte::bounded(&line, empreinte::MAX_MESSAGE_CHARS);
    let _ = writeln!(io::stderr().lock(), "error: {line}");
}

/// Writes `text` to stdout; a reader that went away (`| head`) ends the program quietly.
fn write_stdout(text: &str) -> ExitCode {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            report(&format!("cannot write the output: {e}"));
            ExitCode::from(EXIT_OUTPUT)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
