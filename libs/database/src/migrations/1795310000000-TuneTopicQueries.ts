import type { MigrationInterface, QueryRunner } from 'typeorm';

// Topic queries tuned against hand-labelled sample papers (libs/matching/eval).
// Values are written out, not imported from the matching library, because a
// migration must mean the same thing forever. Descriptions are unchanged; they
// are set again so one statement covers both.
const TUNED: Array<[slug: string, query: string, description: string]> = [
  ['rlhf', 'title:(RLHF OR "human feedback" OR "preference optimization" OR "preference alignment" OR "preference learning" OR "human preferences" OR DPO)^2 OR "RLHF" OR "human feedback" OR "preference optimization" OR "DPO" OR "preference alignment" OR "preference data" OR "human preferences" OR "preference learning" OR "pairwise preferences" OR "preference feedback"', 'Aligning language models with human preferences: RLHF, DPO and their relatives.'],
  ['reward-modeling', 'title:("reward model" OR "reward modeling" OR PRM OR RM OR "preference model" OR "preference modeling")^3 OR "reward model" OR "process reward" OR "PRM" OR "RM" OR "preference model" OR "generative reward" OR "Bradley-Terry" OR "outcome reward model"', 'Learning reward models: outcome and process reward models, preference models, their training and evaluation.'],
  ['verifiable-rewards', 'title:(RLVR OR verifiable OR verified OR verifier)^2 OR "verifiable reward" OR "RLVR" OR "rule-based reward" OR "verified reward" OR "verifiable" OR "verifier" OR "rule-based" OR "execution feedback" OR "test cases"', 'Reinforcement learning from rule-based or automatically verified rewards.'],
  ['policy-optimization', 'title:("policy optimization" OR GRPO OR PPO OR "policy gradient")^3 OR "GRPO" OR "PPO" OR "policy gradient" OR "policy optimization" OR "advantage estimation" OR "advantage" OR RLOO OR "actor-critic" OR "importance sampling" OR "clipping"', 'PPO, GRPO and other policy-gradient methods for language models.'],
  ['reasoning-rl', 'title:(reasoning OR reason OR "chain-of-thought" OR reasoner)^3 OR "reasoning" OR "chain-of-thought" OR "CoT" OR "long CoT" OR "reasoning models" OR "multi-step reasoning" OR "reasoning capabilities"', 'Reinforcement learning that improves multi-step reasoning and chain of thought.'],
  ['math-reasoning', 'title:(math OR mathematical OR theorem)^3 OR "mathematical reasoning" OR "math reasoning" OR "math" OR "theorem proving" OR "AIME" OR "GSM8K" OR "MATH" OR "olympiad" OR "competition math" OR "math word problems" OR "AMC" OR "MATH500" OR "problem solving"', 'Math word problems, competition math and theorem proving.'],
  ['code-generation', 'title:(code OR coding OR SQL OR programming OR software)^3 OR "code generation" OR "coding" OR "code completion" OR "software engineering" OR "program synthesis" OR "unit tests" OR "test cases" OR "SQL" OR "programming" OR "SWE-bench" OR "code LLM" OR "code repair" OR "LeetCode" OR "Codeforces" OR "HumanEval" OR "execution accuracy"', 'Models that write, repair or test code; software-engineering agents.'],
  ['llm-agents', 'title:(agent OR agents OR agentic OR "tool use" OR tool)^3 OR "agentic" OR "LLM agents" OR "LLM-based agents" OR "language agents" OR "search agents" OR "coding agents" OR "web agents" OR "tool use" OR "tool calling" OR "tool calls" OR "multi-turn" OR "web navigation" OR "deep research" OR "long-horizon" OR "planning"', 'Agents that plan, call tools, browse and act over many turns.'],
  ['reward-hacking', 'title:("reward hacking" OR hacking OR "over-optimization" OR overoptimization)^3 OR "reward hacking" OR "over-optimization" OR "overoptimization" OR "specification gaming" OR "reward exploitation" OR "exploit flaws" OR "reward misspecification" OR "shortcut" OR "Goodhart" OR "reward gaming" OR "hacking"', 'When policies exploit flawed rewards, and how to detect or prevent it.'],
  ['llm-as-judge', 'title:(judge OR critique OR "AI feedback" OR "generative reward" OR GenRM OR rubric)^3 OR "LLM-as-a-judge" OR "judge" OR "critique" OR "AI feedback" OR "RLAIF" OR "generative reward" OR "GenRM" OR "rubric" OR "LLM feedback" OR "grader" OR "LLMs as reward models"', 'Language models that grade, critique or give feedback (RLAIF, generative reward models).'],
  ['reward-design', 'title:(reward OR rewards OR "reward design" OR "reward shaping" OR "reward function")^2 OR "reward design" OR "reward shaping" OR "reward function" OR "dense reward" OR "reward signal" OR "intrinsic reward" OR "reward mechanism" OR "sparse reward" OR "reward structure" OR "partial rewards" OR "credit assignment"', 'Designing, shaping and learning reward functions for RL agents.'],
  ['vision-language', 'title:("vision-language" OR VLM OR VLMs OR MLLM OR MLLMs OR LVLM OR multimodal OR visual OR vision OR video OR image OR 3D)^3 OR "vision-language" OR "VLM" OR "MLLM" OR "LVLM" OR "multimodal" OR "visual" OR "video" OR "image understanding" OR "visual reasoning" OR "Qwen2.5-VL"', 'RL and alignment for models that see: VLMs, multimodal reasoning.'],
  ['image-video-generation', 'title:("image generation" OR "video generation" OR "visual generation" OR "text-to-image" OR diffusion OR "flow models")^3 OR "diffusion" OR "text-to-image" OR "image generation" OR "video generation" OR "flow matching" OR "flow models" OR "text-to-video" OR "image synthesis" OR "generated images"', 'Aligning diffusion and other generative models of images and video.'],
  ['robotics', 'title:(robot OR robotic OR robotics OR manipulation OR locomotion OR driving OR embodied OR "vision-language-action")^3 OR "robot" OR "robotic" OR "robotic manipulation" OR "manipulation tasks" OR "locomotion" OR "autonomous driving" OR "autonomous vehicles" OR "embodied" OR "vision-language-action" OR "VLA" OR "sim-to-real" OR "dexterous" OR "quadruped"', 'RL for robots, manipulation, locomotion and autonomous driving.'],
  ['safety', 'title:(safety OR safe OR harmful OR jailbreak OR deception OR deceptive OR "red teaming" OR toxicity)^3 OR "safety" OR "harmful" OR "harmless" OR "jailbreak" OR "red teaming" OR "toxic" OR "deception" OR "deceptive" OR "safe RL" OR "misalignment" OR "adversarial"', 'Harmlessness, jailbreaks, red teaming and safe RL.'],
  ['exploration', 'title:(exploration OR explore OR entropy OR diversity OR curiosity OR bandits)^3 OR "exploration" OR "explore" OR "entropy" OR "diversity" OR "curiosity" OR "intrinsic motivation" OR "exploration-exploitation" OR "bandit" OR "novelty"', 'Exploration, entropy regularization and diversity in RL training.'],
  ['self-improvement', 'title:(self-improvement OR self-improving OR self-play OR self-rewarding OR self-evolving OR self-training OR self-generated OR self-alignment OR themselves)^3 OR "self-improvement" OR "self-improving" OR "self-play" OR "self-rewarding" OR "self-evolving" OR "self-training" OR "self-generated" OR "self-alignment" OR "self-annotated" OR "their own" OR "its own" OR "open-ended learning"', 'Models that generate their own data, rewards or opponents to improve.'],
  ['personalization', 'title:(personalized OR personalization OR personalizing OR pluralistic)^3 OR "personalized" OR "personalization" OR "pluralistic" OR "individual preferences" OR "user preferences" OR "diverse preferences" OR "heterogeneous preferences" OR "user-specific" OR "diverse human preferences"', 'Aligning to individual users and diverse preferences.'],
  ['efficient-training', 'title:(efficient OR efficiently OR efficiency OR "sample-efficient" OR lightweight OR cost)^2 OR "sample efficiency" OR "sample-efficient" OR "training efficiency" OR "efficient training" OR "training cost" OR "training costs" OR "computational cost" OR "computational resources" OR "off-policy" OR "asynchronous" OR "throughput" OR "memory usage" OR "VRAM" OR "compute" OR "fewer training samples" OR "accelerate"', 'Sample efficiency, off-policy data, compute and systems for RL at scale.'],
  ['benchmarks-evaluation', 'title:(benchmark OR bench OR benchmarking OR leaderboard OR testbed OR "evaluation suite")^3 OR "bench" OR "new benchmark" OR "comprehensive benchmark" OR "first benchmark" OR "benchmark for" OR "benchmark that" OR "evaluation framework" OR "evaluation suite" OR "evaluation protocol" OR "leaderboard" OR "new dataset" OR "evaluation methods" OR "metrics"', 'New benchmarks, datasets and evaluation methods.'],
  ['theory', 'title:(theoretical OR theory OR convergence OR regret OR provably OR bounds OR "sample complexity")^3 OR "theoretical analysis" OR "theoretical framework" OR "theoretically" OR ("theory" NOT "theory of mind") OR "convergence" OR "regret" OR "sample complexity" OR "provably" OR "prove" OR "bounds" OR "theorem" OR "guarantee" OR "guarantees"', 'Convergence, sample complexity and other theoretical results.'],
];

// What SeedTopicCatalog1795302000000 wrote, for down().
const SEEDED: Array<[slug: string, query: string, description: string]> = [
  ['rlhf', '"RLHF" OR "human feedback" OR "preference optimization" OR "DPO" OR "preference alignment" OR "alignment"', 'Aligning language models with human preferences: RLHF, DPO and their relatives.'],
  ['reward-modeling', 'title:"reward model"^3 OR "reward model" OR "reward modeling" OR "process reward" OR "PRM" OR "preference model"', 'Learning reward models: outcome and process reward models, preference models, their training and evaluation.'],
  ['verifiable-rewards', '"verifiable reward" OR "RLVR" OR "rule-based reward" OR "verifier" OR "verification"', 'Reinforcement learning from rule-based or automatically verified rewards.'],
  ['policy-optimization', '"PPO" OR "GRPO" OR "policy gradient" OR "policy optimization" OR "advantage estimation"', 'PPO, GRPO and other policy-gradient methods for language models.'],
  ['reasoning-rl', 'title:"reasoning"^2 OR "reasoning" OR "chain-of-thought" OR "long CoT"', 'Reinforcement learning that improves multi-step reasoning and chain of thought.'],
  ['math-reasoning', '"mathematical reasoning" OR "math" OR "theorem proving" OR "AIME" OR "GSM8K" OR "MATH"', 'Math word problems, competition math and theorem proving.'],
  ['code-generation', '"code generation" OR "code" OR "coding" OR "software engineering" OR "program synthesis" OR "unit test"', 'Models that write, repair or test code; software-engineering agents.'],
  ['llm-agents', '"agent" OR "agentic" OR "tool use" OR "tool calling" OR "multi-turn" OR "web navigation"', 'Agents that plan, call tools, browse and act over many turns.'],
  ['reward-hacking', '"reward hacking" OR "over-optimization" OR "overoptimization" OR "specification gaming" OR "reward exploitation"', 'When policies exploit flawed rewards, and how to detect or prevent it.'],
  ['llm-as-judge', '"LLM-as-a-judge" OR "judge" OR "critic" OR "AI feedback" OR "RLAIF" OR "generative reward"', 'Language models that grade, critique or give feedback (RLAIF, generative reward models).'],
  ['reward-design', '"reward design" OR "reward shaping" OR "reward function" OR "dense reward"', 'Designing, shaping and learning reward functions for RL agents.'],
  ['vision-language', '"vision-language" OR "VLM" OR "multimodal" OR "visual" OR "image understanding"', 'RL and alignment for models that see: VLMs, multimodal reasoning.'],
  ['image-video-generation', '"diffusion" OR "text-to-image" OR "image generation" OR "video generation" OR "flow matching"', 'Aligning diffusion and other generative models of images and video.'],
  ['robotics', '"robot" OR "robotic" OR "manipulation" OR "locomotion" OR "autonomous driving" OR "embodied"', 'RL for robots, manipulation, locomotion and autonomous driving.'],
  ['safety', '"safety" OR "safe" OR "harmful" OR "jailbreak" OR "red teaming" OR "robustness"', 'Harmlessness, jailbreaks, red teaming and safe RL.'],
  ['exploration', '"exploration" OR "entropy" OR "diversity" OR "curiosity"', 'Exploration, entropy regularization and diversity in RL training.'],
  ['self-improvement', '"self-improvement" OR "self-play" OR "self-rewarding" OR "self-evolving" OR "self-training"', 'Models that generate their own data, rewards or opponents to improve.'],
  ['personalization', '"personalized" OR "personalization" OR "pluralistic" OR "individual preferences" OR "user preferences"', 'Aligning to individual users and diverse preferences.'],
  ['efficient-training', '"efficient" OR "efficiency" OR "off-policy" OR "sample efficiency" OR "asynchronous" OR "compute"', 'Sample efficiency, off-policy data, compute and systems for RL at scale.'],
  ['benchmarks-evaluation', 'title:"benchmark"^2 OR "benchmark" OR "evaluation" OR "dataset" OR "leaderboard"', 'New benchmarks, datasets and evaluation methods.'],
  ['theory', '"theoretical" OR "theory" OR "convergence" OR "regret" OR "sample complexity" OR "provably"', 'Convergence, sample complexity and other theoretical results.'],
];

async function apply(queryRunner: QueryRunner, topics: Array<[slug: string, query: string, description: string]>): Promise<void> {
  for (const [slug, query, description] of topics) {
    await queryRunner.query('UPDATE topics SET query = $1, description = $2 WHERE slug = $3', [query, description, slug]);
  }
}

export class TuneTopicQueries1795310000000 implements MigrationInterface {
  name = 'TuneTopicQueries1795310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await apply(queryRunner, TUNED);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await apply(queryRunner, SEEDED);
  }
}
