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

# Both old models go first: after a model change they may no longer compile, and dotnet ef builds the project.
rm -rf src/MicroNeedling.Clinic/Data/CompiledModels

generate() {
  local context="$1" folder="$2"
  dotnet ef dbcontext optimize --project src/MicroNeedling.Clinic --startup-project src/MicroNeedling.Web \
    --context "$context" --output-dir "Data/CompiledModels/$folder" --namespace "MicroNeedling.CompiledModels.$folder"
}

generate ClinicDbContext Sqlite
generate PostgreSqlClinicDbContext PostgreSql
