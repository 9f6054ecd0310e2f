//! `cargo xtask test`: every check CI runs, in order, stopping at the first failure.
//! Installs the spec validator (PyPI) itself when it is missing, so a fresh machine needs
//! only Rust and Python. `cargo xtask test --quick` is the loop while editing: format,
//! clippy, the spec checks, `regenerate --check` and the workspace's tests, without docs,
//! Prism, the Python signature check, the offline kit run and fuzzing.

use std::process::Command;

use crate::workspace_root;

/// How long `cargo xtask test` fuzzes each target: a smoke run, not a campaign.
const FUZZ_SECONDS: u64 = 30;

pub fn run(args: &[String]) -> Result<(), String> {
    let quick = match args {
        [] => false,
        [only] if only == "--quick" => true,
        [arg, ..] => return Err(format!("unknown argument `{arg}` to test (try `--quick`)")),
    };
    let root = workspace_root();
    let cargo = crate::cargo();
    step(
        "format",
        Command::new(&cargo).args(["fmt", "--all", "--check"]),
    )?;
    step(
        "clippy",
        Command::new(&cargo).args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--features",
            "linq-api/test-util",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    if !quick {
        full_only_checks(&cargo)?;
    }
    ensure_python_module(
        "openapi_spec_validator",
        &root.join("spec/requirements.txt"),
    )?;
    step(
        "spec validator",
        Command::new("python3")
            .args(["-m", "openapi_spec_validator", "spec/openapi.yaml"])
            .current_dir(&root),
    )?;
    step(
        "spec conventions, examples and fixtures (spec/tools/check.py)",
        Command::new("python3")
            .arg("spec/tools/check.py")
            .current_dir(&root),
    )?;
    crate::regenerate::run(&["--check".to_owned()])?;
    step(
        "tests",
        Command::new(&cargo)
            .args(["test", "--workspace", "--all-targets"])
            .env("INSTA_UPDATE", "no")
            .env("CI", "true"),
    )?;
    if quick {
        println!("xtask test --quick: the quick checks passed (the full run adds docs, Prism, the kit offline and fuzzing)");
        return Ok(());
    }
    rest_of_full_run(&root, &cargo)?;
    println!("xtask test: all checks passed");
    Ok(())
}

/// The checks of a full run that come before the spec's: another TLS feature, docs.
fn full_only_checks(cargo: &str) -> Result<(), String> {
    step(
        "the `rustls-ring` TLS feature builds",
        Command::new(cargo).args([
            "clippy",
            "-p",
            "linq-api",
            "--lib",
            "--no-default-features",
            "--features",
            "rustls-ring",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    step(
        "docs on every public item",
        Command::new(cargo).args([
            "clippy",
            "-p",
            "linq-api",
            "-p",
            "codegen-runtime",
            "--lib",
            "--features",
            "linq-api/test-util,codegen-runtime/test-util",
            "--",
            "-D",
            "missing_docs",
        ]),
    )?;
    step(
        "rustdoc without warnings (broken links, bad markup)",
        Command::new(cargo)
            .args([
                "doc",
                "-p",
                "linq-api",
                "-p",
                "codegen-runtime",
                "--no-deps",
                "--features",
                "linq-api/test-util,codegen-runtime/test-util",
            ])
            .env("RUSTDOCFLAGS", "-D warnings"),
    )?;
    Ok(())
}

/// The checks of a full run after the workspace's tests: doc tests, the contract tests
/// against Prism, signatures against the Python library, the kit offline, fuzzing.
fn rest_of_full_run(root: &std::path::Path, cargo: &str) -> Result<(), String> {
    step(
        "doc tests",
        Command::new(cargo)
            .args(["test", "--workspace", "--doc"])
            .env("INSTA_UPDATE", "no"),
    )?;
    let prism = crate::prism::Prism::start(
        root,
        &root.join("spec/openapi.yaml"),
        &root.join("target/prism.log"),
    )?;
    step(
        "contract tests against Prism",
        Command::new(cargo)
            .args([
                "test",
                "-p",
                "linq-api",
                "--test",
                "contract",
                "--",
                "--ignored",
            ])
            .env("LINQ_PRISM_URL", &prism.url),
    )?;
    drop(prism);
    ensure_python_module(
        "standardwebhooks",
        &root.join("linq-api/tests/requirements.txt"),
    )?;
    step(
        "webhook signatures against the standardwebhooks library",
        Command::new(cargo).args([
            "test",
            "-p",
            "linq-api",
            "--test",
            "webhooks",
            "--",
            "--ignored",
        ]),
    )?;
    offline_kit_tests(cargo)?;
    crate::fuzz::run_all(root, FUZZ_SECONDS)?;
    Ok(())
}

/// The test kit's tests, the example bot's and the kit's doc tests, in a network namespace
/// with no interface up (`unshare -rn`), so that nothing can bind or connect; where user
/// namespaces are not allowed, with networking on, and said so.
fn offline_kit_tests(cargo: &str) -> Result<(), String> {
    let targets = [
        "test",
        "-p",
        "linq-api",
        "--features",
        "test-util",
        "--test",
        "testing_kit",
        "--test",
        "support_bot",
    ];
    let docs = [
        "test",
        "-p",
        "linq-api",
        "--features",
        "test-util",
        "--doc",
        "testing",
    ];
    step(
        "build the test kit's tests",
        Command::new(cargo).args(targets).arg("--no-run"),
    )?;
    let isolated = Command::new("unshare")
        .args(["-rn", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    for args in [&targets[..], &docs[..]] {
        if isolated {
            step(
                "the test kit and the example bot, with networking switched off",
                Command::new("unshare")
                    .args(["-rn", cargo])
                    .args(args)
                    .arg("--offline"),
            )?;
        } else {
            println!("(unshare -rn is not allowed here: the kit's tests run with networking on)");
            step(
                "the test kit and the example bot",
                Command::new(cargo).args(args),
            )?;
        }
    }
    Ok(())
}

/// Runs one check from the workspace root, failing with its name.
fn step(name: &str, command: &mut Command) -> Result<(), String> {
    println!("==> {name}");
    let status = command
        .current_dir(workspace_root())
        .status()
        .map_err(|e| format!("{name}: cannot start {:?}: {e}", command.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{name} failed ({status})"))
    }
}

/// Installs the pinned packages of `requirements` unless `module` is importable.
fn ensure_python_module(module: &str, requirements: &std::path::Path) -> Result<(), String> {
    let present = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .status()
        .is_ok_and(|s| s.success());
    if present {
        return Ok(());
    }
    step(
        &format!("install {module} ({})", requirements.display()),
        Command::new("python3")
            .args(["-m", "pip", "install", "--quiet", "-r"])
            .arg(requirements),
    )
}
