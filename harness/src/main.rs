//! The `proctor` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    proctor_harness::cli::main()
}
