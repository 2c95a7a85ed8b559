//! `empreinte report`, `render`, `verify` and `schema`: the audit-grade report from a
//! manifest, its renderings, its verification, and the JSON Schema. The core does the
//! work; this module reads files, makes the report's id and time, and writes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, bail, Context};
use clap::Args;
use empreinte::format::NBSP;
use empreinte::report::{self, Envelope, RenderFormat, Verdict};
use empreinte::Lang;

use crate::FormatArg;

/// Options of `empreinte report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The manifest (TOML, or JSON), "-" for standard input.
    #[arg(value_name = "MANIFEST")]
    manifest: PathBuf,
    /// Write to FILE instead of standard output; standard error says what was written,
    /// its size and the SHA-256 digest of the report's content.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Also write the report JSON to FILE (with an HTML, Markdown or text --format).
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// The report's id (a lowercase UUID) [default: a random UUID v4].
    #[arg(long, value_name = "UUID")]
    report_id: Option<String>,
    /// The generation time, RFC 3339 UTC [default: now, or $SOURCE_DATE_EPOCH].
    #[arg(long, value_name = "TIME")]
    generated_at: Option<String>,
}

/// Options of `empreinte render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The report JSON, "-" for standard input.
    #[arg(value_name = "REPORT")]
    report: PathBuf,
    /// Write to FILE instead of standard output; standard error says what was written,
    /// its size and the SHA-256 digest of the report's content.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Options of `empreinte verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The report JSON, "-" for standard input.
    #[arg(value_name = "REPORT")]
    report: PathBuf,
}

fn read(path: &Path) -> anyhow::Result<String> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .context("cannot read standard input")?;
        return Ok(s);
    }
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// What a written file holds: the report JSON, or a rendering in a language.
#[derive(Debug, Clone, Copy)]
enum Content {
    Json,
    Rendering(RenderFormat, Lang),
}

/// The line that says a file was written: its path, what it holds, its size and the
/// SHA-256 digest of the report's content, in the language of the messages (no colon: no
/// French spacing to get wrong).
fn written(path: &Path, content: Content, bytes: usize, digest: &str, lang: Lang) -> String {
    let size = empreinte::format::number(bytes as f64, 0, lang);
    let language = |l: Lang| match (lang, l) {
        (Lang::Fr, Lang::Fr) => "en français",
        (Lang::Fr, Lang::En) => "en anglais",
        (Lang::En, Lang::Fr) => "in French",
        (Lang::En, Lang::En) => "in English",
    };
    let what = match (content, lang) {
        (Content::Json, Lang::Fr) => "rapport JSON".to_owned(),
        (Content::Json, Lang::En) => "report JSON".to_owned(),
        (Content::Rendering(f, l), Lang::Fr) => {
            let kind = match f {
                RenderFormat::Html => "HTML",
                RenderFormat::Markdown => "Markdown",
                RenderFormat::Text => "texte",
            };
            format!("rendu {kind} {}", language(l))
        }
        (Content::Rendering(f, l), Lang::En) => {
            let kind = match f {
                RenderFormat::Html => "HTML",
                RenderFormat::Markdown => "Markdown",
                RenderFormat::Text => "text",
            };
            format!("{kind} rendering {}", language(l))
        }
    };
    let path = path.display();
    match lang {
        Lang::Fr => format!(
            "{path} écrit ({what}, {size}{NBSP}octets), empreinte SHA-256 du contenu du rapport {digest}"
        ),
        Lang::En => format!(
            "wrote {path} ({what}, {size} bytes), SHA-256 digest of the report's content {digest}"
        ),
    }
}

/// Writes `text` to `path` and says so on standard error.
fn write_and_say(
    path: &Path,
    text: &str,
    content: Content,
    digest: &str,
    lang: Lang,
) -> anyhow::Result<()> {
    write(path, text)?;
    let line = written(path, content, text.len(), digest, lang);
    let _ = writeln!(std::io::stderr().lock(), "{line}");
    Ok(())
}

/// Writes to `-o FILE` and says so on standard error (returning nothing to print), or
/// returns the text for stdout.
fn deliver(
    output: Option<&Path>,
    text: String,
    content: Content,
    digest: &str,
    lang: Lang,
) -> anyhow::Result<String> {
    match output {
        Some(p) => {
            write_and_say(p, &text, content, digest, lang)?;
            Ok(String::new())
        }
        None => Ok(text),
    }
}

fn render_format(format: FormatArg) -> RenderFormat {
    match format {
        FormatArg::Html => RenderFormat::Html,
        FormatArg::Md => RenderFormat::Markdown,
        FormatArg::Text | FormatArg::Json => RenderFormat::Text,
    }
}

/// A random UUID v4 from the operating system's random source.
fn uuid_v4() -> anyhow::Result<String> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| anyhow!("no random source for the report id: {e}"))?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    ))
}

/// `YYYY-MM-DDTHH:MM:SSZ` for seconds since the Unix epoch.
fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // civil from days (H. Hinnant)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn now() -> anyhow::Result<String> {
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| anyhow!("SOURCE_DATE_EPOCH {epoch:?} is not a number of seconds"))?;
        return Ok(rfc3339(secs));
    }
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| anyhow!("the system clock is before 1970"))?
        .as_secs();
    Ok(rfc3339(i64::try_from(secs).unwrap_or(i64::MAX)))
}

/// `empreinte report MANIFEST`: the report JSON or a rendering (in `lang`, French by
/// default), to stdout or `-o FILE`; each file written is said on standard error in
/// `messages`.
pub fn report(
    args: &ReportArgs,
    format: Option<FormatArg>,
    lang: Option<Lang>,
    messages: Lang,
) -> anyhow::Result<String> {
    let text = read(&args.manifest)?;
    let envelope = Envelope {
        report_id: match &args.report_id {
            Some(id) => id.clone(),
            None => uuid_v4()?,
        },
        generated_at: match &args.generated_at {
            Some(t) => t.clone(),
            None => now()?,
        },
        target: "rust".to_owned(),
    };
    let r = report::from_manifest_text(&text, &envelope)
        .with_context(|| format!("{}", args.manifest.display()))?;
    let json = report::to_json(&r)?;
    let digest = r.integrity.payload_sha256.as_str();
    let format = format.unwrap_or(FormatArg::Json);
    if format == FormatArg::Json {
        if args.json.is_some() {
            bail!(
                "--json is for an HTML, Markdown or text --format: the output is already the JSON"
            );
        }
        return deliver(
            args.output.as_deref(),
            json,
            Content::Json,
            digest,
            messages,
        );
    }
    if let Some(p) = &args.json {
        write_and_say(p, &json, Content::Json, digest, messages)?;
    }
    let (format, lang) = (render_format(format), lang.unwrap_or(Lang::Fr));
    let out = report::render(&r, format, lang);
    let content = Content::Rendering(format, lang);
    deliver(args.output.as_deref(), out, content, digest, messages)
}

/// `empreinte render REPORT`: a rendering in `lang` (French by default), to stdout or
/// `-o FILE`, which is said on standard error in `messages` with the digest the report
/// states (`verify` checks it).
pub fn render(
    args: &RenderArgs,
    format: Option<FormatArg>,
    lang: Option<Lang>,
    messages: Lang,
) -> anyhow::Result<String> {
    let text = read(&args.report)?;
    let r = report::parse_report(&text).with_context(|| format!("{}", args.report.display()))?;
    let format = match format.unwrap_or(FormatArg::Html) {
        FormatArg::Json => bail!("render writes html, md or text: the report is the JSON"),
        f => render_format(f),
    };
    let lang = lang.unwrap_or(Lang::Fr);
    deliver(
        args.output.as_deref(),
        report::render(&r, format, lang),
        Content::Rendering(format, lang),
        &r.integrity.payload_sha256,
        messages,
    )
}

/// `empreinte verify REPORT`: prints the verdict; exit 0 valid, 1 tampered or not
/// reproducible, 2 invalid.
pub fn verify(args: &VerifyArgs, format: Option<FormatArg>) -> ExitCode {
    let text = match read(&args.report) {
        Ok(t) => t,
        Err(e) => {
            crate::report(&format!("{e:#}"));
            return ExitCode::from(crate::EXIT_INPUT);
        }
    };
    let verdict = report::verify(&text);
    let out = if format == Some(FormatArg::Json) {
        let mut s = serde_json::to_string_pretty(&verdict).unwrap_or_default();
        s.push('\n');
        s
    } else {
        format!("{}: {verdict}\n", args.report.display())
    };
    let code = crate::write_stdout(&out);
    if code != ExitCode::SUCCESS {
        return code;
    }
    match verdict {
        Verdict::Valid { .. } => ExitCode::SUCCESS,
        v => ExitCode::from(v.exit_code()),
    }
}

/// `empreinte schema`: the report's JSON Schema.
pub fn schema() -> String {
    report::SCHEMA_JSON.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_ids() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_735_689_599), "2024-12-31T23:59:59Z");
        let id = uuid_v4().unwrap();
        assert!(report::is_uuid(&id), "{id}");
        assert_eq!(&id[14..15], "4");
        assert_ne!(id, uuid_v4().unwrap());
    }
}
