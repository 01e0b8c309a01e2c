# The kit's two commands on Windows, where there is no make:
#   powershell -ExecutionPolicy Bypass -File environment\setup.ps1 lab    (what `make lab` does)
#   powershell -ExecutionPolicy Bypass -File environment\setup.ps1 test   (what `make test` does)
# Set-up itself is environment/setup.sh, run by the bash of Git for Windows (needed anyway to clone the kit),
# so every system has the same set-up. The commands after it mirror the Makefile's; KitFilesTest checks that
# they still name the same ones.
param(
    [Parameter(Mandatory = $true)]
    [ValidateSet('lab', 'test')]
    [string]$Command
)
$ErrorActionPreference = 'Stop'
$Root = Split-Path -Parent $PSScriptRoot

# Git's own bash, not C:\Windows\System32\bash.exe (WSL's, which would set up a Linux machine instead).
function Find-GitBash {
    $git = Get-Command git -ErrorAction SilentlyContinue
    $candidates = @()
    if ($git) { $candidates += Join-Path (Split-Path -Parent (Split-Path -Parent $git.Source)) 'bin\bash.exe' }
    $candidates += Join-Path $env:ProgramFiles 'Git\bin\bash.exe'
    foreach ($c in $candidates) { if (Test-Path $c) { return $c } }
    Write-Host '[setup] ERROR: Git for Windows'' bash not found: install Git for Windows, then run this again'
    exit 1
}

$bash = Find-GitBash
$venvBin = Join-Path $Root 'environment\.venv\Scripts'
# PyTorch's OpenMP threads sleep when idle instead of spinning (see the Makefile).
if (-not $env:OMP_WAIT_POLICY) { $env:OMP_WAIT_POLICY = 'PASSIVE' }

Push-Location $Root
try {
    $setupArgs = @('environment/setup.sh')
    if ($Command -eq 'test') { $setupArgs += '--for-tests' }
    & $bash @setupArgs
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

    if ($Command -eq 'lab') {
        New-Item -ItemType Directory -Force -Path notebooks | Out-Null
        & (Join-Path $venvBin 'jupyter.exe') lab --notebook-dir=notebooks `
            --MappingKernelManager.default_kernel_name=interp4j-java `
            --KernelSpecManager.allowed_kernelspecs=interp4j-java --KernelSpecManager.allowed_kernelspecs=python3
        exit $LASTEXITCODE
    }

    # test-java, test-notebooks, test-browser: a failing one does not stop the next, as with make -k.
    $failed = 0
    mvn -B test
    if ($LASTEXITCODE -ne 0) { $failed++ }

    $notebooks = @(Get-ChildItem -Path solutions -Filter *.ipynb -ErrorAction SilentlyContinue | ForEach-Object FullName)
    if ($notebooks.Count -eq 0) { $notebooks = @('tests\fixtures\kernel-smoke.ipynb') }
    & (Join-Path $venvBin 'python.exe') tests/e2e/run_notebooks.py --jobs 2 @notebooks
    if ($LASTEXITCODE -ne 0) { $failed++ }

    $e2e = Join-Path $Root 'solutions\00-getting-started.ipynb'
    if (-not (Test-Path $e2e)) { $e2e = Join-Path $Root 'tests\fixtures\kernel-smoke.ipynb' }
    $env:E2E_NOTEBOOK = $e2e
    Push-Location tests\e2e
    try { node --test lab.test.mjs; if ($LASTEXITCODE -ne 0) { $failed++ } } finally { Pop-Location }

    if ($failed -gt 0) { Write-Host "[test] $failed of 3 test suites failed"; exit 1 }
} finally {
    Pop-Location
}
