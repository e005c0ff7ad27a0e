//! What the benchmark examples share: their command line, `[FILE ...] [--repeat N]`.

/// The value of `--repeat N`, or `default` when it is not given.
pub fn repeat(args: &[String], default: usize) -> Result<usize, std::num::ParseIntError> {
    args.iter()
        .position(|a| a == "--repeat")
        .and_then(|i| args.get(i + 1))
        .map(|s| s.parse())
        .transpose()
        .map(|n| n.unwrap_or(default))
}

/// The arguments that are files: neither an option nor the value of `--repeat`.
pub fn files(args: &[String]) -> Vec<String> {
    args.iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[*i - 1] != "--repeat"))
        .map(|(_, a)| a.clone())
        .collect()
}
