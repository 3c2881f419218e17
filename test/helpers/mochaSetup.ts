/**
 * Loaded by mocha before every suite (.mocharc.json): CLI runs the tests spawn answer in their own
 * process, as they always did, instead of asking (and leaving behind) a hook server; the tests of
 * the hook server turn it on for themselves with AI_GUARDRAILS_HOOK_SERVER=1.
 */
process.env.AI_GUARDRAILS_HOOK_SERVER ??= '0';
