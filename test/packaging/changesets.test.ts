// `changeset version` with the repo's real .changeset/config.json and package.json files, in a copy of the
// workspace under os.tmpdir() (never in the repo): the packages a changeset names are bumped, dependents as
// the config says (updateInternalDependencies), each bumped package gets a CHANGELOG.md, nothing else moves.
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { versionModule } from "../../codegen/src/pipeline.js";
import { PACKAGES, ROOT, run } from "./lib.js";

const require = createRequire(import.meta.url);
const cliManifest = require.resolve("@changesets/cli/package.json");
const changesetBin = path.join(path.dirname(cliManifest), "bin.js");

interface Manifest {
  version?: string;
  dependencies?: Record<string, string>;
}

const temps: string[] = [];

/** A copy of the workspace's manifests and changeset config, plus `changesets` (file name → content). */
async function workspaceWith(changesets: Record<string, string>): Promise<string> {
  const temp = await mkdtemp(path.join(os.tmpdir(), "zenfetch-changesets-"));
  temps.push(temp);
  for (const file of ["package.json", "pnpm-workspace.yaml", ".changeset/config.json"]) {
    await mkdir(path.dirname(path.join(temp, file)), { recursive: true });
    await copyFile(path.join(ROOT, file), path.join(temp, file));
  }
  for (const { dir } of PACKAGES) {
    await mkdir(path.join(temp, dir), { recursive: true });
    await copyFile(path.join(ROOT, dir, "package.json"), path.join(temp, dir, "package.json"));
  }
  // The config names its changelog generator by package (`@changesets/cli/changelog`): resolve it from ours.
  await symlink(path.join(ROOT, "node_modules"), path.join(temp, "node_modules"), "dir");
  for (const [name, content] of Object.entries(changesets)) {
    await writeFile(path.join(temp, ".changeset", name), content);
  }
  return temp;
}

async function version(cwd: string): Promise<void> {
  await run(process.execPath, [changesetBin, "version"], { cwd, env: { ...process.env, CI: "true" } });
}

const manifest = async (root: string, file: string) =>
  JSON.parse(await readFile(path.join(root, file), "utf8")) as Manifest;
const original = (file: string) => manifest(ROOT, file);

afterEach(async () => {
  await Promise.all(temps.splice(0).map((temp) => rm(temp, { recursive: true, force: true })));
});

describe("changeset version", () => {
  it("is the installed @changesets/cli 2.31", async () => {
    expect(JSON.parse(await readFile(cliManifest, "utf8")).version).toMatch(/^2\.31\./);
  });

  it("bumps only the package a changeset names, and writes only its CHANGELOG.md", async () => {
    const temp = await workspaceWith({
      "fix-ticket-sideloads.md":
        '---\n"@zenfetch/tickets": patch\n---\n\nSideloaded users are typed on ticket lists.\n',
    });
    await version(temp);

    const before = await original("packages/tickets/package.json");
    const after = await manifest(temp, "packages/tickets/package.json");
    expect(after.version).not.toBe(before.version);
    expect(after.version).toBe(bump(before.version, "patch"));
    expect(after.dependencies).toEqual(before.dependencies);
    const changelog = await readFile(path.join(temp, "packages/tickets/CHANGELOG.md"), "utf8");
    expect(changelog).toContain(`# @zenfetch/tickets\n\n## ${after.version}\n\n### Patch Changes\n`);
    expect(changelog).toContain("Sideloaded users are typed on ticket lists.");

    for (const { dir } of PACKAGES.filter(({ name }) => name !== "@zenfetch/tickets")) {
      expect(await manifest(temp, `${dir}/package.json`), dir).toEqual(await original(`${dir}/package.json`));
      expect(existsSync(path.join(temp, dir, "CHANGELOG.md")), `${dir}/CHANGELOG.md`).toBe(false);
    }
    expect(await manifest(temp, "package.json")).toEqual(await original("package.json"));
    expect(existsSync(path.join(temp, ".changeset/fix-ticket-sideloads.md"))).toBe(false);
  });

  it("reads every pending changeset in .changeset/: each one's note lands in each package it names", async () => {
    const dir = path.join(ROOT, ".changeset");
    const pending: Record<string, string> = {};
    for (const name of await readdir(dir)) {
      if (name.endsWith(".md") && name !== "README.md") pending[name] = await readFile(path.join(dir, name), "utf8");
    }
    expect(Object.keys(pending).length).toBeGreaterThan(0);
    const temp = await workspaceWith(pending);
    await version(temp); // fails on a changeset it cannot parse (a formatter rewriting the front matter, say)

    for (const [name, content] of Object.entries(pending)) {
      const front = /^---\n([\s\S]*?)\n---\n+([\s\S]*)$/.exec(content);
      expect(front, `${name} starts with a front matter block`).not.toBeNull();
      const packages = [...(front?.[1] ?? "").matchAll(/^"(@zenfetch\/[a-z-]+)": (patch|minor|major)$/gm)];
      expect(packages.length, `${name} names its packages, one "name": bump a line`).toBe(
        (front?.[1] ?? "").split("\n").length,
      );
      const firstLine = (front?.[2] ?? "").trim().split("\n")[0] ?? "";
      for (const [, pkg] of packages) {
        const dirOf = PACKAGES.find((p) => p.name === pkg)?.dir;
        expect(dirOf, `${name} names ${pkg}, which is not a workspace package`).toBeDefined();
        const log = await readFile(path.join(temp, dirOf as string, "CHANGELOG.md"), "utf8");
        expect(log, `${pkg}'s CHANGELOG.md has ${name}`).toContain(firstLine.slice(0, 60));
      }
    }
  });

  it("the version sent in the User-Agent follows: after `changeset version`, codegen writes the new one", async () => {
    const temp = await workspaceWith({
      "ua.md": '---\n"@zenfetch/tickets": minor\n---\n\nSomething new.\n',
    });
    await version(temp);
    const bumped = (await manifest(temp, "packages/tickets/package.json")).version;
    const committed = await readFile(path.join(ROOT, "packages/tickets/src/generated/version.ts"), "utf8");
    expect(committed).toContain(
      `VERSION = ${JSON.stringify((await original("packages/tickets/package.json")).version)}`,
    );
    // What `pnpm version-packages` (changeset version, then pnpm generate) writes next to the bumped manifest.
    const regenerated = await versionModule({ types: path.join(temp, "packages/tickets/src/generated/schema.ts") });
    expect(regenerated).toContain(`VERSION = ${JSON.stringify(bumped)}`);
    expect(regenerated).toContain('PACKAGE_NAME = "@zenfetch/tickets"');
    const scripts = (
      JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts["version-packages"]).toBe("changeset version && pnpm generate");
  });

  it("bumps core and, as configured (updateInternalDependencies: patch), each dependent", async () => {
    const config = JSON.parse(await readFile(path.join(ROOT, ".changeset/config.json"), "utf8")) as {
      updateInternalDependencies: string;
    };
    expect(config.updateInternalDependencies).toBe("patch");
    const temp = await workspaceWith({
      "core-timeouts.md": '---\n"@zenfetch/core": minor\n---\n\nA per-call timeout option.\n',
    });
    await version(temp);

    const coreBefore = await original("packages/core/package.json");
    const coreAfter = await manifest(temp, "packages/core/package.json");
    expect(coreAfter.version).toBe(bump(coreBefore.version, "minor"));
    const coreLog = await readFile(path.join(temp, "packages/core/CHANGELOG.md"), "utf8");
    expect(coreLog).toContain(`## ${coreAfter.version}\n\n### Minor Changes\n`);
    expect(coreLog).toContain("A per-call timeout option.");

    for (const { name, dir } of PACKAGES.filter(({ name }) => name !== "@zenfetch/core")) {
      const before = await original(`${dir}/package.json`);
      const after = await manifest(temp, `${dir}/package.json`);
      // The workspace range stays `workspace:^`; `pnpm publish` writes ^<new core version> in its place.
      expect(after.dependencies?.["@zenfetch/core"], name).toBe("workspace:^");
      expect(after.version, name).toBe(bump(before.version, "patch"));
      const log = await readFile(path.join(temp, dir, "CHANGELOG.md"), "utf8");
      expect(log, name).toContain(`## ${after.version}\n\n### Patch Changes\n\n- Updated dependencies\n`);
      expect(log, name).toContain(`  - @zenfetch/core@${coreAfter.version}`);
    }
    expect(await manifest(temp, "package.json")).toEqual(await original("package.json"));
  });
});

function bump(version: string | undefined, type: "patch" | "minor" | "major"): string {
  const [major = 0, minor = 0, patch = 0] = (version ?? "").split(".").map(Number);
  if (type === "major") return `${major + 1}.0.0`;
  if (type === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}
