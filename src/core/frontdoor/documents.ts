// Whole files judged for the language server: which kind a document is,
// the commands in it judged line by line, and the fixes offered for a flag.
export { commandDirectory, judgeDocumentSteps, type DocumentJudgeOptions, type Flag } from '../documents';
export { documentKind, type DocumentKind } from '../documents/kinds';
export { allowRulesFor, hostsOf, saferEdits } from '../documents/remedies';
