/** The JSON helpers live in common/ (the client uses them too). */
export * from '../../common/src/json';
