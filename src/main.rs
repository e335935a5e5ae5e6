//! The `morgue` binary: parse the command line, call the library, print through `output`, and
//! map the outcome to an exit code (0 all handled, 2 some files failed, 1 fatal).

mod cli;
mod output;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use morgue::parse::ParseLimits;
use morgue::read::Limits;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("morgue: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Index(_) | Command::Search(_) => anyhow::bail!("not implemented yet"),
    }
}

fn extract(args: cli::ExtractArgs) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for path in &args.files {
        match morgue::extract::extract_file(path, "", Limits::default(), ParseLimits::default()) {
            Ok(x) => {
                for p in &x.problems {
                    eprintln!("morgue: {}: {p}", path.display());
                    failed = true;
                }
                for a in &x.articles {
                    if args.json {
                        output::extract_json(&mut out, a)?;
                    } else {
                        output::extract_human(&mut out, a)?;
                    }
                }
            }
            Err(r) => {
                eprintln!("morgue: {}: {}", path.display(), r.reason);
                failed = true;
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
