/** @type {import('jest').Config} */
module.exports = {
  preset: 'jest-expo',
  // 30 s is enough on an idle machine; the first test of a file pays for transforming
  // React Native and the routes, which took up to a minute on a shared, loaded machine
  testTimeout: 120000,
  // the query cache's garbage-collection timers (gcTime: a week) outlive a test's render
  // and keep Node alive after the run; exit when the tests are done
  forceExit: true,
  cacheDirectory: '<rootDir>/.jest-cache',
  setupFiles: ['<rootDir>/jest.setup.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/dist-android/', '/dist-ios/'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
};
