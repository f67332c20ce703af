/** @type {import('jest').Config} */
module.exports = {
  preset: 'jest-expo',
  // 30 s is enough on an idle machine; the first test of a file pays for transforming
  // React Native and the routes, which took up to a minute on a shared, loaded machine
  testTimeout: 120000,
  cacheDirectory: '<rootDir>/.jest-cache',
  setupFiles: ['<rootDir>/jest.setup.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/dist-android/', '/dist-ios/'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
};
