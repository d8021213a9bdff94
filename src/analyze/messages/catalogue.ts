/** The whole catalogue, in code order (split in two files only to keep each short). */
export * from './codes-0001-0139.js';
export * from './codes-0140-0177.js';
