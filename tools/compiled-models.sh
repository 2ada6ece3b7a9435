#!/usr/bin/env bash
# Regenerates the EF Core compiled models the app runs on (ADR 0016): one per engine, each from its context type.
# Run it from anywhere after any change to the model (an entity, a configuration, a convention), in the same commit as
# the migrations (ADR 0015). CompiledModelTests fails while a compiled model lags the model.
#
#   tools/compiled-models.sh
#
# The namespaces sit outside MicroNeedling.Clinic on purpose: inside it, the entity type Screening would be read as the
# namespace MicroNeedling.Clinic.Screening and the generated code would not compile.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet tool restore >/dev/null

# The old models stay while the new ones are written: the app names them (UseModel, ADR 0025), so the project that
# dotnet ef builds first does not compile without them. Files the new models no longer have are removed afterwards.
# (Should a model change leave the old models uncompilable, move the UseModel lines aside for the run.)
started="$(mktemp)"
trap 'rm -f "$started"' EXIT

generate() {
  local context="$1" folder="$2"
  dotnet ef dbcontext optimize --project src/MicroNeedling.Clinic --startup-project src/MicroNeedling.Web \
    --context "$context" --output-dir "Data/CompiledModels/$folder" --namespace "MicroNeedling.CompiledModels.$folder"
}

generate ClinicDbContext Sqlite
generate PostgreSqlClinicDbContext PostgreSql

find src/MicroNeedling.Clinic/Data/CompiledModels -name '*.cs' ! -newer "$started" -print -delete
