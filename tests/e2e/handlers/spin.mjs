// Spins forever when asked to, so a test can hit the function's Timeout and then succeed.
export const handler = async (event) => {
  if (event.spin) {
    while (true) {}
  }
  return { spun: false };
};
