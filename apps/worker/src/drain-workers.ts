import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';

/**
 * On shutdown, let every BullMQ worker finish its active jobs BEFORE the SMTP
 * pool and the database pool close. @nestjs/bullmq closes workers in the same
 * phase as those pools, so an in-flight digest could lose its connection
 * mid-exchange and end up `unknown`.
 */
@Injectable()
export class DrainWorkersFirst implements BeforeApplicationShutdown {
  constructor(@Inject(DiscoveryService) private readonly discovery: DiscoveryService) {}

  async beforeApplicationShutdown(): Promise<void> {
    const hosts = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost);
    await Promise.all(hosts.map((host) => host.worker?.close()));
  }
}
