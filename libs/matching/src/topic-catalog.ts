/** One catalog topic: what subscribers pick, and the query that finds its papers. */
export interface CatalogTopic {
  slug: string;
  name: string;
  description: string;
  /** In the query language of query.ts. */
  query: string;
}

/**
 * The topic catalog with its tuned queries. The database holds the live copy
 * (seeded and updated by migrations, editable by operators); this one is what
 * the evaluation runs and what the last migration wrote.
 */
export const TOPIC_CATALOG: readonly CatalogTopic[] = [
  {
    slug: 'rlhf',
    name: 'RLHF and preference alignment',
    description: 'Aligning language models with human preferences: RLHF, DPO and their relatives.',
    query: 'title:(RLHF OR "human feedback" OR "preference optimization" OR "preference alignment" OR "preference learning" OR "human preferences" OR DPO)^2 OR "RLHF" OR "human feedback" OR "preference optimization" OR "DPO" OR "preference alignment" OR "preference data" OR "human preferences" OR "preference learning" OR "pairwise preferences" OR "preference feedback"',
  },
  {
    slug: 'reward-modeling',
    name: 'Reward modeling',
    description: 'Learning reward models: outcome and process reward models, preference models, their training and evaluation.',
    query: 'title:("reward model" OR "reward modeling" OR PRM OR RM OR "preference model" OR "preference modeling")^3 OR "reward model" OR "process reward" OR "PRM" OR "RM" OR "preference model" OR "generative reward" OR "Bradley-Terry" OR "outcome reward model"',
  },
  {
    slug: 'verifiable-rewards',
    name: 'Verifiable rewards (RLVR)',
    description: 'Reinforcement learning from rule-based or automatically verified rewards.',
    query: 'title:(RLVR OR verifiable OR verified OR verifier)^2 OR "verifiable reward" OR "RLVR" OR "rule-based reward" OR "verified reward" OR "verifiable" OR "verifier" OR "rule-based" OR "execution feedback" OR "test cases"',
  },
  {
    slug: 'policy-optimization',
    name: 'Policy optimization algorithms',
    description: 'PPO, GRPO and other policy-gradient methods for language models.',
    query: 'title:("policy optimization" OR GRPO OR PPO OR "policy gradient")^3 OR "GRPO" OR "PPO" OR "policy gradient" OR "policy optimization" OR "advantage estimation" OR "advantage" OR RLOO OR "actor-critic" OR "importance sampling" OR "clipping"',
  },
  {
    slug: 'reasoning-rl',
    name: 'RL for reasoning',
    description: 'Reinforcement learning that improves multi-step reasoning and chain of thought.',
    query: 'title:(reasoning OR reason OR "chain-of-thought" OR reasoner)^3 OR "reasoning" OR "chain-of-thought" OR "CoT" OR "long CoT" OR "reasoning models" OR "multi-step reasoning" OR "reasoning capabilities"',
  },
  {
    slug: 'math-reasoning',
    name: 'Mathematical reasoning',
    description: 'Math word problems, competition math and theorem proving.',
    query: 'title:(math OR mathematical OR theorem)^3 OR "mathematical reasoning" OR "math reasoning" OR "math" OR "theorem proving" OR "AIME" OR "GSM8K" OR "MATH" OR "olympiad" OR "competition math" OR "math word problems" OR "AMC" OR "MATH500" OR "problem solving"',
  },
  {
    slug: 'code-generation',
    name: 'Code generation',
    description: 'Models that write, repair or test code; software-engineering agents.',
    query: 'title:(code OR coding OR SQL OR programming OR software)^3 OR "code generation" OR "coding" OR "code completion" OR "software engineering" OR "program synthesis" OR "unit tests" OR "test cases" OR "SQL" OR "programming" OR "SWE-bench" OR "code LLM" OR "code repair" OR "LeetCode" OR "Codeforces" OR "HumanEval" OR "execution accuracy"',
  },
  {
    slug: 'llm-agents',
    name: 'LLM agents and tool use',
    description: 'Agents that plan, call tools, browse and act over many turns.',
    query: 'title:(agent OR agents OR agentic OR "tool use" OR tool)^3 OR "agentic" OR "LLM agents" OR "LLM-based agents" OR "language agents" OR "search agents" OR "coding agents" OR "web agents" OR "tool use" OR "tool calling" OR "tool calls" OR "multi-turn" OR "web navigation" OR "deep research" OR "long-horizon" OR "planning"',
  },
  {
    slug: 'reward-hacking',
    name: 'Reward hacking and over-optimization',
    description: 'When policies exploit flawed rewards, and how to detect or prevent it.',
    query: 'title:("reward hacking" OR hacking OR "over-optimization" OR overoptimization)^3 OR "reward hacking" OR "over-optimization" OR "overoptimization" OR "specification gaming" OR "reward exploitation" OR "exploit flaws" OR "reward misspecification" OR "shortcut" OR "Goodhart" OR "reward gaming" OR "hacking"',
  },
  {
    slug: 'llm-as-judge',
    name: 'LLM-as-a-judge and AI feedback',
    description: 'Language models that grade, critique or give feedback (RLAIF, generative reward models).',
    query: 'title:(judge OR critique OR "AI feedback" OR "generative reward" OR GenRM OR rubric)^3 OR "LLM-as-a-judge" OR "judge" OR "critique" OR "AI feedback" OR "RLAIF" OR "generative reward" OR "GenRM" OR "rubric" OR "LLM feedback" OR "grader" OR "LLMs as reward models"',
  },
  {
    slug: 'reward-design',
    name: 'Reward design and shaping',
    description: 'Designing, shaping and learning reward functions for RL agents.',
    query: 'title:(reward OR rewards OR "reward design" OR "reward shaping" OR "reward function")^2 OR "reward design" OR "reward shaping" OR "reward function" OR "dense reward" OR "reward signal" OR "intrinsic reward" OR "reward mechanism" OR "sparse reward" OR "reward structure" OR "partial rewards" OR "credit assignment"',
  },
  {
    slug: 'vision-language',
    name: 'Vision-language and multimodal models',
    description: 'RL and alignment for models that see: VLMs, multimodal reasoning.',
    query: 'title:("vision-language" OR VLM OR VLMs OR MLLM OR MLLMs OR LVLM OR multimodal OR visual OR vision OR video OR image OR 3D)^3 OR "vision-language" OR "VLM" OR "MLLM" OR "LVLM" OR "multimodal" OR "visual" OR "video" OR "image understanding" OR "visual reasoning" OR "Qwen2.5-VL"',
  },
  {
    slug: 'image-video-generation',
    name: 'Image and video generation',
    description: 'Aligning diffusion and other generative models of images and video.',
    query: 'title:("image generation" OR "video generation" OR "visual generation" OR "text-to-image" OR diffusion OR "flow models")^3 OR "diffusion" OR "text-to-image" OR "image generation" OR "video generation" OR "flow matching" OR "flow models" OR "text-to-video" OR "image synthesis" OR "generated images"',
  },
  {
    slug: 'robotics',
    name: 'Robotics and control',
    description: 'RL for robots, manipulation, locomotion and autonomous driving.',
    query: 'title:(robot OR robotic OR robotics OR manipulation OR locomotion OR driving OR embodied OR "vision-language-action")^3 OR "robot" OR "robotic" OR "robotic manipulation" OR "manipulation tasks" OR "locomotion" OR "autonomous driving" OR "autonomous vehicles" OR "embodied" OR "vision-language-action" OR "VLA" OR "sim-to-real" OR "dexterous" OR "quadruped"',
  },
  {
    slug: 'safety',
    name: 'Safety and robustness',
    description: 'Harmlessness, jailbreaks, red teaming and safe RL.',
    query: 'title:(safety OR safe OR harmful OR jailbreak OR deception OR deceptive OR "red teaming" OR toxicity)^3 OR "safety" OR "harmful" OR "harmless" OR "jailbreak" OR "red teaming" OR "toxic" OR "deception" OR "deceptive" OR "safe RL" OR "misalignment" OR "adversarial"',
  },
  {
    slug: 'exploration',
    name: 'Exploration and entropy',
    description: 'Exploration, entropy regularization and diversity in RL training.',
    query: 'title:(exploration OR explore OR entropy OR diversity OR curiosity OR bandits)^3 OR "exploration" OR "explore" OR "entropy" OR "diversity" OR "curiosity" OR "intrinsic motivation" OR "exploration-exploitation" OR "bandit" OR "novelty"',
  },
  {
    slug: 'self-improvement',
    name: 'Self-improvement and self-play',
    description: 'Models that generate their own data, rewards or opponents to improve.',
    query: 'title:(self-improvement OR self-improving OR self-play OR self-rewarding OR self-evolving OR self-training OR self-generated OR self-alignment OR themselves)^3 OR "self-improvement" OR "self-improving" OR "self-play" OR "self-rewarding" OR "self-evolving" OR "self-training" OR "self-generated" OR "self-alignment" OR "self-annotated" OR "their own" OR "its own" OR "open-ended learning"',
  },
  {
    slug: 'personalization',
    name: 'Personalization and pluralistic alignment',
    description: 'Aligning to individual users and diverse preferences.',
    query: 'title:(personalized OR personalization OR personalizing OR pluralistic)^3 OR "personalized" OR "personalization" OR "pluralistic" OR "individual preferences" OR "user preferences" OR "diverse preferences" OR "heterogeneous preferences" OR "user-specific" OR "diverse human preferences"',
  },
  {
    slug: 'efficient-training',
    name: 'Efficient RL training',
    description: 'Sample efficiency, off-policy data, compute and systems for RL at scale.',
    query: 'title:(efficient OR efficiently OR efficiency OR "sample-efficient" OR lightweight OR cost)^2 OR "sample efficiency" OR "sample-efficient" OR "training efficiency" OR "efficient training" OR "training cost" OR "training costs" OR "computational cost" OR "computational resources" OR "off-policy" OR "asynchronous" OR "throughput" OR "memory usage" OR "VRAM" OR "compute" OR "fewer training samples" OR "accelerate"',
  },
  {
    slug: 'benchmarks-evaluation',
    name: 'Benchmarks and evaluation',
    description: 'New benchmarks, datasets and evaluation methods.',
    query: 'title:(benchmark OR bench OR benchmarking OR leaderboard OR testbed OR "evaluation suite")^3 OR "bench" OR "new benchmark" OR "comprehensive benchmark" OR "first benchmark" OR "benchmark for" OR "benchmark that" OR "evaluation framework" OR "evaluation suite" OR "evaluation protocol" OR "leaderboard" OR "new dataset" OR "evaluation methods" OR "metrics"',
  },
  {
    slug: 'theory',
    name: 'Theory of RL and alignment',
    description: 'Convergence, sample complexity and other theoretical results.',
    query: 'title:(theoretical OR theory OR convergence OR regret OR provably OR bounds OR "sample complexity")^3 OR "theoretical analysis" OR "theoretical framework" OR "theoretically" OR ("theory" NOT "theory of mind") OR "convergence" OR "regret" OR "sample complexity" OR "provably" OR "prove" OR "bounds" OR "theorem" OR "guarantee" OR "guarantees"',
  },
];
