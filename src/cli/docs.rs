//! `cjkpress completions SHELL` and `cjkpress man`: made from the same clap definition as the
//! parser, so they list exactly the subcommands, flags and values it takes.

use anyhow::Result;
use clap::Command;
use clap_complete::Shell;

/// Writes the completion script for `shell` to standard output.
pub fn completions(shell: Shell, mut command: Command) -> Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "cjkpress", &mut out);
    super::stdio::print(&out)
}

/// Writes the man page (roff, section 1) of the command, or of its subcommand `name`
/// (`cjkpress-build(1)`, as git names its subcommands' pages), to standard output.
pub fn man(command: Command, name: Option<&str>) -> Result<()> {
    let mut command = command;
    // Gives the subcommands their full names (`cjkpress build`) for their synopses.
    command.build();
    let man = match name {
        None => clap_mangen::Man::new(command),
        Some(name) => {
            let Some(sub) = command.find_subcommand(name) else {
                let names: Vec<&str> = command.get_subcommands().map(Command::get_name).collect();
                anyhow::bail!(
                    "no subcommand `{name}` (expected one of {})",
                    names.join(", ")
                );
            };
            clap_mangen::Man::new(sub.clone()).title(format!("cjkpress-{name}"))
        }
    };
    let mut out = Vec::new();
    man.render(&mut out)?;
    super::stdio::print(&out)
}
