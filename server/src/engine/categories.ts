/** The category table lives in common/ (the client shows it too); the engine reads it from there. */
export * from '../../../common/src/categories';
