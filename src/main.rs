//! The `cjkpress` command: parse arguments, call the library, print warnings and errors. The
//! command line's definition is in `cli::args`, each subcommand's work in its own `cli` module.

mod cli;

use std::process::ExitCode;

use anyhow::Result;
use clap::{CommandFactory as _, Parser as _};

use cli::args::{Cli, Command};
use cli::groups;

fn main() -> ExitCode {
    let cli = Cli::try_parse().unwrap_or_else(|e| cli::args::misspelt_subcommand(e).exit());
    // 130: the shell's code for a run ended by SIGINT.
    if let Err(e) = ctrlc::set_handler(|| cjkpress::paths::interrupted(130)) {
        cli::stdio::say(format_args!("warning: cannot handle Ctrl-C: {e}"));
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            cli::stdio::say(format_args!("error: {e:#}"));
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let Some(command) = cli.command else {
        return cli::convert::run(cli.convert);
    };
    match command {
        Command::Build(build) => cli::build::run(build),
        Command::Convert(convert) => cli::convert::run(convert),
        Command::Dump {
            input,
            read,
            report,
        } => cli::inspect::dump(&input, &groups::reading(&read)?, &report),
        Command::Check {
            input,
            strict,
            read,
            typeset,
        } => cli::inspect::check(&input, &groups::typesetting(&read, &typeset, None, strict)?),
        Command::Fonts {
            input,
            read,
            typeset,
            report,
        } => {
            let options = groups::typesetting(&read, &typeset, None, false)?;
            cli::inspect::fonts(input.as_deref(), &options, &report)
        }
        Command::Watch(watch) => cli::watch::run(watch),
        Command::Completions { shell } => cli::docs::completions(shell, Cli::command()),
        Command::Man { subcommand } => cli::docs::man(Cli::command(), subcommand.as_deref()),
        Command::ReferenceDoc => cli::reference::run(),
    }
}
