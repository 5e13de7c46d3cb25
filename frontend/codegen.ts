// GraphQL Code Generator: typed operations from the server's schema.
// `npm run codegen` validates every operation in src/ against ../schema/schema.graphql
// and writes src/gql/ (git-ignored). `npm run build` and `npm test` run it first, so an
// operation the schema no longer supports fails the build.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../schema/schema.graphql",
  documents: ["src/**/*.graphql"],
  ignoreNoDocuments: false,
  errorsOnly: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: "string",
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { Date: "string", DateTime: "string" },
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        skipTypename: true,
      },
    },
  },
  silent: false,
};

export default config;
