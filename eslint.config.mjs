// ESLint for the scripts readers' browsers run (docs/javascripts): the recommended rules, and no
// variable used before it is defined (a constant defined as itself is undefined, silently).
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    files: ["docs/javascripts/**/*.js"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: { ...globals.browser } },
    rules: {
      ...js.configs.recommended.rules,
      "no-use-before-define": ["error", { functions: false, classes: true, variables: true }],
    },
  },
  {
    files: ["docs/javascripts/lead-search-engine.js"],
    languageOptions: { sourceType: "module" },
  },
];
