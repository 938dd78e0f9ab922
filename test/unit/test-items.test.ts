// The typed-access helpers of the tests (test/helpers/items.ts) fail the test, with the data, when what they assert
// does not hold: a test written with them can fail.
import { AssertionError, expect } from "chai";
import { defined, exactly, firstOf, itemAt } from "../helpers/items";

function failureOf(run: () => unknown): Error {
  try {
    run();
  } catch (e) {
    expect(e).to.be.instanceOf(AssertionError);
    return e as Error;
  }
  return expect.fail("expected an assertion to fail");
}

describe("test helpers: typed access to items", () => {
  it("exactly: the items as a tuple when there are n, else a failure that shows them", () => {
    const [a, b] = exactly([1, 2], 2);
    expect([a, b]).to.deep.equal([1, 2]);
    expect(failureOf(() => exactly([1, 2, 3], 2, "labels")).message).to.contain("labels: [ 1, 2, 3 ]");
    expect(failureOf(() => exactly([], 1)).message).to.match(
      /^items: \[\]: expected \[\] to have a length of 1 but got \+?0$/,
    );
  });

  it("itemAt and firstOf: the item, counting from the end for a negative index; a failure when absent", () => {
    expect(itemAt(["a", "b", "c"], 1)).to.equal("b");
    expect(itemAt(["a", "b", "c"], -1)).to.equal("c");
    expect(firstOf([0])).to.equal(0);
    expect(failureOf(() => itemAt(["a"], 1, "names")).message).to.equal("names has no item at 1: [ 'a' ]");
    expect(failureOf(() => firstOf([], "results")).message).to.equal("results has no item at 0: []");
  });

  it("defined: the value, including falsy ones; a failure for undefined and null", () => {
    expect(defined(0, "zero")).to.equal(0);
    expect(defined("", "empty")).to.equal("");
    expect(failureOf(() => defined(undefined, "the URL")).message).to.equal("the URL is undefined");
    expect(failureOf(() => defined(null, "the body")).message).to.equal("the body is null");
  });
});
