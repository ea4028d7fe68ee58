import { describe, expect, it } from "vitest";
import { requestsPerLeader } from "./list-offsets";

describe("requestsPerLeader", () => {
  // Three topics of 4 partitions led alternately by brokers 1 and 2, and one of 7 led by broker 3.
  const topics = [
    ...["a", "b", "c"].map((name) => ({ name, partitions: [0, 1, 2, 3].map((partition) => ({ partition, leader: 1 + (partition % 2) })) })),
    { name: "big", partitions: Array.from({ length: 7 }, (_, partition) => ({ partition, leader: 3 })) },
  ];

  it("sends each partition to its leader once, in requests of at most the limit, a topic never split", () => {
    expect(Object.fromEntries(requestsPerLeader(topics, 4))).toEqual({
      1: [
        [
          { topic: "a", partitions: [0, 2] },
          { topic: "b", partitions: [0, 2] },
        ],
        [{ topic: "c", partitions: [0, 2] }],
      ],
      2: [
        [
          { topic: "a", partitions: [1, 3] },
          { topic: "b", partitions: [1, 3] },
        ],
        [{ topic: "c", partitions: [1, 3] }],
      ],
      3: [[{ topic: "big", partitions: [0, 1, 2, 3, 4, 5, 6] }]],
    });
  });

  it("asks once per leader when everything fits", () => {
    expect([...requestsPerLeader(topics)].map(([leader, requests]) => [leader, requests.length])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
  });
});
