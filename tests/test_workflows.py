"""Static checks of the GitHub Actions workflows, the PR template and the pre-commit hooks.

The rules come from SECURITY.md: PR code never runs with a write token or secrets;
`pull_request_target` only in pr-trusted.yml, which never checks out, installs or runs the
pull request's code (its files are read as data) and takes the author from the event;
read-only default permissions; every action pinned to a full commit SHA; no `${{ }}`
expression inside a `run:` script (values reach scripts through `env:`, so a branch name or
PR title can never become shell code).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"
PINNED_RE = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")
USES_LINE_RE = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$")


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    if True in data:  # PyYAML reads the key `on` as the boolean true (YAML 1.1)
        data["on"] = data.pop(True)
    return data


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.y*ml"))


def steps(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(job_id, step) for job_id, job in workflow["jobs"].items() for step in job.get("steps", [])]


def triggers(workflow: dict[str, Any]) -> set[str]:
    on = workflow["on"]
    return {on} if isinstance(on, str) else set(on)


def test_the_expected_workflows_exist() -> None:
    assert [p.name for p in workflow_files()] == ["pr-comment.yml", "pr-trusted.yml", "pr.yml", "publish.yml"]


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_pull_request_target_only_for_the_trusted_checks_and_read_only_default(path: Path) -> None:
    workflow = load(path.name)
    assert ("pull_request_target" in triggers(workflow)) == (path.name == "pr-trusted.yml")
    assert workflow["permissions"] == {"contents": "read"}


def test_the_trusted_checks_never_check_out_install_or_run_pull_request_code() -> None:
    workflow = load("pr-trusted.yml")
    assert triggers(workflow) == {"pull_request_target"}
    for job_id, job in workflow["jobs"].items():
        assert "permissions" not in job, f"{job_id} must keep the read-only default"
        for step in job["steps"]:
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                # the default ref of pull_request_target: the base branch
                assert set(step["with"]) == {"fetch-depth", "persist-credentials"}, job_id
            script = step.get("run", "")
            for forbidden in (
                "checkout",
                "switch",
                "worktree",
                "refs/pull/${PR_NUMBER}/merge",
                "pip install -e",
                "bash ",
            ):
                if forbidden == "checkout" and "git checkout" not in script:
                    continue
                assert forbidden not in script, f"{job_id}: {forbidden!r} in {script!r}"
            if "pip install" in script:
                assert script.strip() == "python -m pip install --quiet -c constraints.txt .", job_id
            if "git fetch" in script:
                assert 'refs/pull/${PR_NUMBER}/head:refs/remotes/pull-request/head"' in script
    secrets = [s for _, s in steps(workflow) if "secrets." in str(s)]
    assert secrets == []


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    uses = [step["uses"] for _, step in steps(load(path.name)) if "uses" in step]
    assert uses, "the workflow uses no action at all?"
    for ref in uses:
        assert PINNED_RE.match(ref), f"{path.name}: {ref} is not pinned to a 40-character commit SHA"
    for line in path.read_text(encoding="utf-8").splitlines():
        m = USES_LINE_RE.match(line)
        if m:
            assert re.search(r"#\s*v\d+\.\d+\.\d+", m.group(2)), f"{path.name}: {line.strip()} has no version comment"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_no_expression_inside_run_scripts(path: Path) -> None:
    for job_id, step in steps(load(path.name)):
        script = step.get("run", "")
        assert "${{" not in script, f"{path.name} job {job_id}: pass values to run: through env:, not ${{{{ }}}}"
        assert not re.search(r"github\.(event|head_ref)", script)


def test_pr_checks_run_on_pull_request_with_the_required_jobs() -> None:
    workflow = load("pr.yml")
    assert "pull_request" in triggers(workflow)
    assert set(workflow["jobs"]) >= {"validate", "build", "linkcheck", "tests"}
    assert not {"ownership", "review"} & set(workflow["jobs"]), "those run in pr-trusted.yml"
    for job_id, job in workflow["jobs"].items():
        assert "permissions" not in job, f"pr.yml job {job_id} must keep the read-only default"
    runs = {job_id: " ".join(s.get("run", "") for s in job["steps"]) for job_id, job in workflow["jobs"].items()}
    assert "pfp validate --format github" in runs["validate"]
    assert "pfp format --check" in runs["validate"]
    assert "mkdocs build --strict" in runs["build"]
    assert "pfp linkcheck site" in runs["linkcheck"]
    trusted = {
        job_id: " ".join(s.get("run", "") for s in job["steps"])
        for job_id, job in load("pr-trusted.yml")["jobs"].items()
    }
    assert 'check-owner --author "$AUTHOR" --base "$BASE_SHA" --head "$HEAD_SHA"' in trusted["ownership"]
    assert "pfp review" in trusted["review"]
    # In the language the State's entries are written in: a French-writing State reads its summary in French.
    assert 'pfp review --base "$BASE_SHA" --head "$HEAD_SHA" --lang auto' in trusted["review"]


def test_the_ownership_check_runs_code_from_the_base_branch() -> None:
    job = load("pr-trusted.yml")["jobs"]["ownership"]
    fetch, install, check = (s for s in job["steps"] if "run" in s)
    assert "git fetch" in fetch["run"] and install["run"].endswith("-c constraints.txt .")
    assert check["run"].startswith("pfp check-owner")
    assert check["env"] == {
        "AUTHOR": "${{ github.event.pull_request.user.login }}",
        "BASE_SHA": "${{ github.event.pull_request.base.sha }}",
        "HEAD_SHA": "${{ github.event.pull_request.head.sha }}",
    }
    checkout = job["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0


def test_checkouts_do_not_keep_the_token() -> None:
    for path in workflow_files():
        for _, step in steps(load(path.name)):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, path.name


def test_the_comment_workflow_never_touches_pull_request_code() -> None:
    workflow = load("pr-comment.yml")
    assert triggers(workflow) == {"workflow_run"}
    assert workflow["on"]["workflow_run"]["workflows"] == [load("pr-trusted.yml")["name"]]
    all_steps = steps(workflow)
    assert not any("checkout" in str(step.get("uses", "")) for _, step in all_steps)
    scripts = "\n".join(step.get("run", "") for _, step in all_steps)
    for command in ("pip", "pfp", "python", "python3", "git", "bash", "sh", "source", "chmod", "make"):
        pattern = rf"(?:^|[\s;&|(]){command}\s"
        assert not re.search(pattern, scripts), f"the comment workflow must not run {command}"
    job = workflow["jobs"]["comment"]
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert "github.event.workflow_run.event == 'pull_request_target'" in job["if"]
    assert "head -c 60000" not in scripts and "awk -v max=60000" in scripts  # cut at a line boundary, with a note
    download = next(step for _, step in all_steps if "download-artifact" in step.get("uses", ""))
    assert download["with"]["name"] == "pfp-review"
    assert "<!-- pfp-review -->" in scripts  # one comment, found again by its marker and edited
    assert "--method PATCH" in scripts


def test_publish_deploys_only_after_the_checks_with_pages_rights_only_there() -> None:
    workflow = load("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    deploy = jobs["deploy"]
    needs = deploy["needs"] if isinstance(deploy["needs"], list) else [deploy["needs"]]
    assert "check" in needs
    assert jobs["build"]["needs"] == "check"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    for job_id, job in jobs.items():
        if job_id != "deploy":
            assert "permissions" not in job
    uses = [s.get("uses", "") for _, s in steps(workflow)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_pull_request_template_has_the_reviewer_checklist() -> None:
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for item in (
        "One State per pull request",
        "Sources given",
        "Consent settled before opening",
        "Ids never reused",
        "Entries closed, not deleted",
        "PUBLIC",
    ):
        assert item in text


def test_pre_commit_hook_manifest() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "pfp-validate")
    assert hook["language"] == "python"
    assert hook["entry"] == "pfp validate"
    assert hook["files"] == r"^states/.*\.ya?ml$"
    assert re.match(hook["files"], "states/KHM.yml") and not re.match(hook["files"], "content/index.md")
    formatter = next(h for h in hooks if h["id"] == "pfp-format")
    assert (formatter["language"], formatter["entry"], formatter["files"]) == ("python", "pfp format", hook["files"])
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ids = [h["id"] for repo in config["repos"] for h in repo["hooks"]]
    assert ids == ["ruff-check", "ruff-format", "pfp-validate", "pfp-format"]
